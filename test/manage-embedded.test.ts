// `npm run manage` on the embedded default, spawned as an operator runs it, with nothing set but
// DATA_DIR: it finds the database, the generated session secret and the encryption key the server
// uses. mail:poll files mail whose private links work; rotate-encryption-key re-seals the mailbox's
// password under a new key file; off the embedded default the encryption key is required.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/tickets/access-link";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb, type Db } from "@/lib/server/prisma";
import { openSecret } from "@/lib/server/secret-box";
import { department, helpTopic, uid } from "./factories";
import { startImapServer, type ImapTestServer } from "./imap-server";
import { rawMail } from "./mail-fixtures";

const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

function manage(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = { ...process.env };
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "HELPDESK_ENCRYPTION_KEY", "HELPDESK_ENCRYPTION_KEY_PREVIOUS", "HELPDESK_EMBEDDED", "ATTACHMENTS_DIR", "APP_URL"]) delete clean[name];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, "--conditions=react-server", "scripts/manage.ts", ...args], { cwd: root, env: { ...clean, ...env } as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run manage on the embedded default", { timeout: 240_000 }, () => {
  let dataDir: string;
  let db: Db;
  let server: ImapTestServer;
  const savedDataDir = process.env.DATA_DIR;
  const run = (args: string[]) => manage(args, { DATA_DIR: dataDir, IMAP_POLLER: "0" });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-embedded-"));
    server = await startImapServer();
  });
  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
    if (savedDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = savedDataDir;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrate creates the database in the data folder; mail:poll files mail with a working private link", async () => {
    const migrated = await run(["migrate"]);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain("The database is up to date.");
    const file = path.join(dataDir, "helpdesk.db");
    expect(fs.existsSync(file)).toBe(true);

    // This process seals the mailbox's password with the data folder's key, as the server would.
    process.env.DATA_DIR = dataDir;
    db = createDb(databaseTarget(`file:${file}`));
    const topic = await helpTopic(db, (await department(db)).id);
    const user = `u${uid()}`;
    await db.imapMailbox.create({ data: { name: "Support", host: server.host, port: server.port, secure: false, username: user, password: server.password, helpTopicId: topic.id } });
    const side = await server.connect(user, server.password);
    const from = `ken-${uid()}@example.com`;
    await side.append("INBOX", rawMail({ from, subject: "Printer on fire", body: "Help." }));
    await side.logout();

    const polled = await run(["mail:poll"]);
    expect(polled.stderr).toBe("");
    expect(polled.stdout).toContain("Support: 1 stored.");
    expect(polled.code).toBe(0);
    const ticket = await db.ticket.findFirstOrThrow({ where: { requester: { email: from } } });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: from } });
    const link = mail.textBody.match(new RegExp(`/t/${ticket.number}/([A-Za-z0-9_-]+)`));
    expect(link).not.toBeNull();
    // The link was signed with the secret the server generated into the data folder.
    process.env.NEXTAUTH_SECRET = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
    expect(verifyAccessToken(ticket.number, ticket.accessKey, link![1])).toBe(true);
  });

  it("rotate-encryption-key re-seals the mailbox password under a new key file; polling still works", async () => {
    const keyPath = path.join(dataDir, "encryption-key");
    const oldKey = fs.readFileSync(keyPath, "utf8");
    const before = (await db.imapMailbox.findUniqueOrThrow({ where: { name: "Support" } })).password;
    const rotated = await run(["rotate-encryption-key"]);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-sealed 1 stored secret under key [A-Za-z0-9_-]+\./);
    expect(fs.readFileSync(keyPath, "utf8")).not.toBe(oldKey);
    expect(fs.existsSync(`${keyPath}.previous`)).toBe(false);
    const after = (await db.imapMailbox.findUniqueOrThrow({ where: { name: "Support" } })).password;
    expect(after.split(".")[1]).not.toBe(before.split(".")[1]);
    expect(openSecret(after)).toBe(server.password);
    expect(await db.auditLog.findFirst({ where: { entity: "encryption-key", action: "rotate" } })).toMatchObject({ actorStaffId: null });
    const again = await run(["mail:poll"]);
    expect(again.stdout).toContain("Support: no new mail.");
    expect(again.code).toBe(0);
  });

  it("off the embedded default, refuses to run without HELPDESK_ENCRYPTION_KEY, saying how to make one", async () => {
    const result = await manage(["mail:poll"], { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", NEXTAUTH_SECRET: "x".repeat(40) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HELPDESK_ENCRYPTION_KEY is not set. Generate one with `openssl rand -base64 32`");
  });
});
