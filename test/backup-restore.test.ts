// manage backup / restore / upgrade, spawned as the operator runs them, on both databases: a round
// trip brings back the database and the attachments, a damaged or foreign archive is refused before
// anything is touched, a live server blocks a restore, and only the newest N backups stay.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLease, releaseLease } from "@/lib/server/lease";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";
import { needTool } from "./tools";

const root = path.resolve(__dirname, "..");

type Run = { code: number | null; stdout: string; stderr: string };

function manage(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/manage.ts", ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const pgTools = needTool("pg-client");

describe.each(testDatabaseKinds())("backup and restore on %s", (kind) => {
  let t: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const backups = () => path.join(dataDir, "backups");
  // pg_dump and pg_restore matter only to PostgreSQL.
  const needs = kind === "postgresql" ? pgTools.options : {};
  const archives = () => fs.readdirSync(backups()).filter((n) => n.endsWith(".tar.gz")).sort();

  beforeAll(async () => {
    if (kind === "postgresql" && pgTools.skip) return;
    t = await createTestDatabase(kind);
    // A data folder with spaces in its path, as under C:\ProgramData\Help Desk.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "help desk data "));
    env = {
      DATABASE_URL: t.url,
      DATA_DIR: dataDir,
      NEXTAUTH_SECRET: "x".repeat(40),
      HELPDESK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      // A port nothing listens on: only the database heartbeat says whether a server runs.
      PORT: "1",
    };
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("brings back the database and the attachments exactly as they were at the backup", { timeout: 240_000, ...needs }, async () => {
    const dept = await department(t.db, "Before backup");
    await helpTopic(t.db, dept.id);
    const attachments = path.join(dataDir, "attachments");
    fs.mkdirSync(path.join(attachments, "2026", "12"), { recursive: true });
    fs.writeFileSync(path.join(attachments, "2026", "12", "report one.pdf"), Buffer.from("%PDF-1.4 kept"));
    fs.writeFileSync(path.join(attachments, "2026", "12", "photo.png"), Buffer.alloc(200_000, 9));

    const made = await manage(["backup"], env);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Backed up the (SQLite|PostgreSQL) database and 2 attachments/);
    const [archive] = archives();
    expect(archive).toMatch(/^helpdesk-\d{8}-\d{6}\.tar\.gz$/);

    // Life goes on after the backup: a new department, a changed name, a new and a deleted file.
    await t.db.department.update({ where: { id: dept.id }, data: { name: "Renamed after backup" } });
    await department(t.db, "Made after backup");
    fs.writeFileSync(path.join(attachments, "after.txt"), "new");
    fs.rmSync(path.join(attachments, "2026", "12", "photo.png"));
    await t.db.$disconnect();

    const restored = await manage(["restore", "--from", path.join(backups(), archive)], env);
    expect(restored.stderr).not.toMatch(/error|failed/i);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("Restored the database and 2 attachments");
    expect(restored.stdout).toMatch(/saved in .*helpdesk-\d{8}-\d{6}-before-restore\.tar\.gz/);

    const names = (await t.db.department.findMany({ select: { name: true } })).map((d) => d.name);
    expect(names).toContain("Before backup");
    expect(names).not.toContain("Renamed after backup");
    expect(names).not.toContain("Made after backup");
    expect(await t.db.helpTopic.count({ where: { departmentId: dept.id } })).toBe(1);
    expect(fs.readFileSync(path.join(attachments, "2026", "12", "report one.pdf"), "utf8")).toBe("%PDF-1.4 kept");
    expect(fs.readFileSync(path.join(attachments, "2026", "12", "photo.png")).equals(Buffer.alloc(200_000, 9))).toBe(true);
    expect(fs.existsSync(path.join(attachments, "after.txt"))).toBe(false);
    // The data before the restore was kept in a backup of its own, which restores too.
    expect(archives().filter((n) => n.includes("before-restore"))).toHaveLength(1);
    await t.db.$disconnect();
  });

  it("refuses a damaged, cut-short or foreign archive and changes nothing", { timeout: 240_000, ...needs }, async () => {
    const [archive] = archives().filter((n) => !n.includes("before"));
    const marker = await department(t.db, `Untouched ${uid()}`);
    await t.db.$disconnect();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "bad backups "));
    try {
      // A file inside changed after the checksum was taken.
      const unpacked = path.join(work, "unpacked");
      fs.mkdirSync(unpacked);
      await tar.extract({ file: path.join(backups(), archive), cwd: unpacked });
      fs.appendFileSync(path.join(unpacked, "attachments", "2026", "12", "report one.pdf"), "tampered");
      const tampered = path.join(work, "tampered.tar.gz");
      await tar.create({ gzip: true, file: tampered, cwd: unpacked }, fs.readdirSync(unpacked));
      // Cut short, as by a full disk or an interrupted copy.
      const whole = fs.readFileSync(path.join(backups(), archive));
      const cut = path.join(work, "cut.tar.gz");
      fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
      // Not a backup at all.
      const foreign = path.join(work, "foreign.tar.gz");
      fs.writeFileSync(path.join(work, "notes.txt"), "hello");
      await tar.create({ gzip: true, file: foreign, cwd: work }, ["notes.txt"]);

      const cases: [string, RegExp][] = [
        [tampered, /damaged: attachments\/2026\/12\/report one\.pdf does not match its checksum/],
        [cut, /not a readable \.tar\.gz archive|incomplete|damaged/],
        [foreign, /not a help desk backup/],
        [path.join(work, "missing.tar.gz"), /There is no file/],
      ];
      for (const [file, message] of cases) {
        const run = await manage(["restore", "--from", file], env);
        expect(run.code, file).toBe(1);
        expect(run.stderr).toMatch(message);
      }
      expect(await t.db.department.findUnique({ where: { id: marker.id } })).not.toBeNull();
      expect(archives().filter((n) => n.includes("before-restore"))).toHaveLength(1);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      await t.db.$disconnect();
    }
  });

  it("refuses to restore under a running server", { timeout: 120_000, ...needs }, async () => {
    const [archive] = archives().filter((n) => !n.includes("before"));
    await acquireLease(t.db, "server:elsewhere:1:x", "elsewhere:1:x", 60_000);
    await t.db.$disconnect();
    const run = await manage(["restore", "--from", path.join(backups(), archive)], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Stop the help desk before restoring: 1 help desk server process is running");
    await releaseLease(t.db, "server:elsewhere:1:x", "elsewhere:1:x");
    await t.db.$disconnect();
  });

  it("keeps only the newest N backups", { timeout: 240_000, ...needs }, async () => {
    const plain = () => archives().filter((n) => !n.includes("before"));
    fs.writeFileSync(path.join(backups(), "helpdesk-20200101-000000.tar.gz"), "an old one");
    fs.writeFileSync(path.join(backups(), "keep me.txt"), "not a backup");
    const run = await manage(["backup", "--keep", "2"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("keeping the newest 2");
    expect(plain()).toHaveLength(1);
    expect(fs.existsSync(path.join(backups(), "keep me.txt"))).toBe(true);
    expect((await manage(["backup", "--keep", "0"], env)).code).toBe(2);
  });
});
