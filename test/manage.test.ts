// The operator CLI, spawned the way `npm run manage` runs it, against a temporary SQLite database.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/lib/config/api-keys/service";
import { checkStaffCredentials } from "@/lib/auth/sign-in";
import { staffTokenState } from "@/lib/auth/staff-tokens";
import { totpCodeAt } from "@/lib/auth/totp";
import { beginEnrolment, confirmEnrolment, twoFactorStatus } from "@/lib/auth/two-factor";
import { createTestDatabase, type TestDatabase } from "./databases";
import "./sign-in-support";

const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

function manage(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, "--conditions=react-server", "scripts/manage.ts", ...args], { cwd: root, env: { ...process.env, APP_URL: "https://help.example.test", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Each command is a fresh tsx process (a few seconds on a busy machine), hence the longer timeout.
describe("npm run manage", { timeout: 180_000 }, () => {
  let t: TestDatabase;
  let run: (args: string[]) => ReturnType<typeof manage>;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-manage-"));
    run = (args) => manage(args, { DATABASE_URL: t.url });
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints usage for --help (0), and for no or an unknown command (2)", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run manage -- <command>");
    expect(help.stdout).toContain("create-admin --email EMAIL --name NAME");
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("No command given.");
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command: frobnicate");
    expect(unknown.stderr).toContain("Usage:");
    expect((await run(["create-admin", "--name", "No Email"])).code).toBe(2);
    expect((await run(["create-admin", "--bogus"])).code).toBe(2);
  });

  it("create-admin without a password prints a one-time link; a second time fails (1)", async () => {
    const result = await run(["create-admin", "--email", "Root@Example.com", "--name", "Root Admin"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const link = result.stdout.match(/https:\/\/help\.example\.test\/set-password\/([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    expect(await staffTokenState(t.db, link![1])).toMatchObject({ state: "valid", purpose: "INVITE", email: "root@example.com" });
    expect(await t.db.staff.findUniqueOrThrow({ where: { email: "root@example.com" } })).toMatchObject({ kind: "ADMIN", username: "root", passwordHash: null });
    expect(await t.db.auditLog.findFirst({ where: { entity: "agent", action: "invite" } })).toMatchObject({ actorStaffId: null });
    const again = await run(["create-admin", "--email", "root@example.com", "--name", "Root"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  it("create-admin with a password can sign in; reset-password prints a link and ends the old password", async () => {
    const short = await run(["create-admin", "--email", "ops@example.com", "--name", "Ops", "--password", "short"]);
    expect(short.code).toBe(2);
    const made = await run(["create-admin", "--email", "ops@example.com", "--name", "Ops", "--password", "a-long-password-1"]);
    expect(made.code).toBe(0);
    expect((await checkStaffCredentials(t.db, { email: "ops@example.com", password: "a-long-password-1", clientIp: null })).ok).toBe(true);
    const reset = await run(["reset-password", "--email", "ops@example.com"]);
    expect(reset.code).toBe(0);
    const token = reset.stdout.match(/\/set-password\/([A-Za-z0-9_-]+)/)![1];
    expect(await staffTokenState(t.db, token)).toMatchObject({ state: "valid", purpose: "PASSWORD_RESET" });
    expect((await checkStaffCredentials(t.db, { email: "ops@example.com", password: "a-long-password-1", clientIp: null })).ok).toBe(false);
    const missing = await run(["reset-password", "--email", "nobody@example.com"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No staff member has the email nobody@example.com.");
  });

  it("reset-2fa removes a lost authenticator and records who did it", async () => {
    await run(["create-admin", "--email", "phone-lost@example.com", "--name", "Lost Phone", "--password", "a-long-password-2"]);
    const staff = await t.db.staff.findUniqueOrThrow({ where: { email: "phone-lost@example.com" } });
    const { secret } = await beginEnrolment(t.db, staff.id);
    await confirmEnrolment(t.db, staff.id, totpCodeAt(secret, new Date()), null);
    expect((await twoFactorStatus(t.db, staff.id)).enabled).toBe(true);
    const reset = await run(["reset-2fa", "--email", "phone-lost@example.com"]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("Two-factor authentication of Lost Phone is removed.");
    expect((await twoFactorStatus(t.db, staff.id)).enabled).toBe(false);
    expect(await t.db.auditLog.count({ where: { entity: "agent", entityId: String(staff.id), action: "reset-two-factor", actorStaffId: null } })).toBe(1);
    const again = await run(["reset-2fa", "--email", "phone-lost@example.com"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("has no two-factor authentication to reset");
  });

  it("create-api-key prints the key once; only its hash is stored", async () => {
    const result = await run(["create-api-key", "--name", "Mail server", "--scope", "mail:pipe", "--allow", "10.0.0.0/8"]);
    expect(result.code).toBe(0);
    const key = result.stdout.match(/hd_[A-Za-z0-9_-]{43}/)![0];
    expect(await authenticateApiKey(t.db, key, "mail:pipe", "10.1.2.3")).toMatchObject({ ok: true });
    expect(await authenticateApiKey(t.db, key, "tickets:create", "10.1.2.3")).toEqual({ ok: false, reason: "scope" });
    expect(JSON.stringify(await t.db.apiKey.findMany())).not.toContain(key.slice(3));
    const bad = await run(["create-api-key", "--name", "Bad", "--scope", "everything"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("scopes");
  });

  // The backup used to be a bare copy of the SQLite file; it is now one archive with the attachments
  // (issue 11), so this test opens the database inside the archive.
  it("backup writes an archive with a consistent copy of SQLite, never overwrites, and says why a PostgreSQL backup failed", async () => {
    const out = path.join(dir, "nested", "backup.tar.gz");
    const result = await run(["backup", "--out", out]);
    expect(result.code).toBe(0);
    const unpacked = path.join(dir, "unpacked");
    fs.mkdirSync(unpacked);
    await tar.extract({ file: out, cwd: unpacked });
    const copy = new Database(path.join(unpacked, "database", "helpdesk.db"), { readonly: true });
    try {
      expect((copy.prepare(`SELECT COUNT(*) AS n FROM "Staff" WHERE "email" = ?`).get("root@example.com") as { n: number }).n).toBe(1);
      expect((copy.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
    } finally {
      copy.close();
    }
    expect((await run(["backup", "--out", out])).code).toBe(1);
    const pg = await manage(["backup", "--out", path.join(dir, "pg.tar.gz")], { DATABASE_URL: "postgresql://nobody@127.0.0.1:5432/none", NEXTAUTH_SECRET: "x".repeat(40), HELPDESK_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toMatch(/pg_dump failed|does not exist|none/);
  });

  it("migrate applies pending migrations (none left here)", async () => {
    // Like the server, this test's own connection would keep the SQLite file busy.
    await t.db.$disconnect();
    const result = await run(["migrate"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("The database is up to date.");
  });
});
