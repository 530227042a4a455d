// Mail server passwords sealed at rest, on real SQLite and PostgreSQL: plain values left by an older
// version are sealed by the upgrade step (once), a key rotation re-seals everything (environment
// mode and the embedded default's key file), and a password no key opens is a clear error on its
// mailbox and on the outgoing mail, never a crash.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditPage } from "@/lib/config/audit/log";
import { testMailboxConnection } from "@/lib/mail/admin/mailboxes";
import type { StaffActor } from "@/lib/auth/actor";
import { pollMailboxOnce } from "@/lib/mail/imap/poller";
import { processOutbox } from "@/lib/mail/outbox-worker";
import { rotateEncryptionKey } from "@/lib/server/key-rotation";
import { isSealed, loadKeyRing, openSecret } from "@/lib/server/secret-box";
import { upgradeData } from "@/lib/server/upgrade-data";
import { loadSettings, saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, staff, uid } from "./factories";

const newKey = () => crypto.randomBytes(32).toString("base64");
const saved = { key: process.env.HELPDESK_ENCRYPTION_KEY, previous: process.env.HELPDESK_ENCRYPTION_KEY_PREVIOUS, dataDir: process.env.DATA_DIR };
function useKeys(current: string | undefined, previous?: string) {
  if (current === undefined) delete process.env.HELPDESK_ENCRYPTION_KEY;
  else process.env.HELPDESK_ENCRYPTION_KEY = current;
  if (previous === undefined) delete process.env.HELPDESK_ENCRYPTION_KEY_PREVIOUS;
  else process.env.HELPDESK_ENCRYPTION_KEY_PREVIOUS = previous;
}
const keyId = (sealed: string) => sealed.split(".")[1];

describe.each(testDatabaseKinds())("encryption at rest on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
  });
  afterEach(async () => {
    // Each test's secrets go with it: sealed under keys the next test no longer has.
    await t.db.imapMailbox.deleteMany();
    await t.db.setting.deleteMany({ where: { key: "smtp" } });
    useKeys(saved.key, saved.previous);
    if (saved.dataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved.dataDir;
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** A mailbox row as an older version stored it: the password in plain text (raw SQL, past the client's rules). */
  async function plainMailbox(password: string) {
    const name = `Old ${uid()}`;
    await t.db.$executeRaw`INSERT INTO "ImapMailbox" ("name", "host", "port", "secure", "username", "password", "folder", "active", "updatedAt") VALUES (${name}, '127.0.0.1', 1, false, 'u', ${password}, 'INBOX', false, ${new Date()})`;
    return t.db.imapMailbox.findUniqueOrThrow({ where: { name } });
  }
  const storedPassword = async (id: number) => (await t.db.imapMailbox.findUniqueOrThrow({ where: { id } })).password;

  it("seals plain passwords at upgrade, once, and redacts old audit rows that held one", async () => {
    useKeys(newKey());
    const mailbox = await plainMailbox("imap-plain-1");
    await t.db.setting.upsert({ where: { key: "smtp" }, create: { key: "smtp", value: JSON.stringify({ host: "smtp.example.com", port: 587, secure: false, user: "u", password: "smtp-plain-1", auth: "password" }) }, update: { value: JSON.stringify({ host: "smtp.example.com", port: 587, secure: false, user: "u", password: "smtp-plain-1" }) } });
    const oldRow = await t.db.auditLog.create({ data: { entity: "settings", entityId: "helpdesk", action: "update", actorStaffId: admin.id, before: JSON.stringify({ smtp: { host: "a", password: "smtp-plain-0" } }), after: JSON.stringify({ smtp: { host: "b", password: "smtp-plain-1" } }) } });
    expect(JSON.stringify((await auditPage(t.db, admin, { entity: "settings" })).rows)).not.toContain("smtp-plain"); // shown redacted even before the step

    const first = await upgradeData(t.db);
    expect(first.sealed).toBe(2);
    expect(isSealed(await storedPassword(mailbox.id))).toBe(true);
    expect(openSecret(await storedPassword(mailbox.id))).toBe("imap-plain-1");
    const smtp = (await loadSettings(t.db)).smtp;
    expect(isSealed(smtp.password)).toBe(true);
    expect(openSecret(smtp.password)).toBe("smtp-plain-1");
    const row = await t.db.auditLog.findUniqueOrThrow({ where: { id: oldRow.id } });
    expect(`${row.before} ${row.after}`).not.toContain("smtp-plain");
    expect(JSON.parse(row.after!)).toEqual({ smtp: { host: "b", password: "(changed)" } });

    const again = await upgradeData(t.db);
    expect(again).toMatchObject({ sealed: 0, auditRowsRedacted: 0 });
    expect(openSecret(await storedPassword(mailbox.id))).toBe("imap-plain-1");
  });

  it("rotates in environment mode: new key set, old one as previous; every value re-sealed", async () => {
    const [k1, k2] = [newKey(), newKey()];
    useKeys(k1);
    const mailbox = await t.db.imapMailbox.create({ data: { name: `Env ${uid()}`, host: "127.0.0.1", port: 1, secure: false, username: "u", password: "imap-env-1", active: false } });
    await saveSettings(t.db, { smtp: { host: "smtp.example.com", port: 587, secure: false, user: "u", password: "smtp-env-1", auth: "password" } });
    const sealedBefore = await storedPassword(mailbox.id);
    expect(keyId(sealedBefore)).toBe(loadKeyRing().current.id);

    useKeys(k2, k1);
    const rotation = await rotateEncryptionKey(t.db);
    expect(rotation).toMatchObject({ mode: "environment", unreadable: [] });
    expect(rotation.resealed).toBeGreaterThanOrEqual(2);
    useKeys(k2); // the old key is gone
    expect(keyId(await storedPassword(mailbox.id))).toBe(loadKeyRing().current.id);
    expect(openSecret(await storedPassword(mailbox.id))).toBe("imap-env-1");
    expect(openSecret((await loadSettings(t.db)).smtp.password)).toBe("smtp-env-1");
  });

  it("rotates the embedded default's key file: a new key, the old one kept only until every value is re-sealed", async () => {
    process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-keys-"));
    useKeys(undefined);
    const mailbox = await t.db.imapMailbox.create({ data: { name: `File ${uid()}`, host: "127.0.0.1", port: 1, secure: false, username: "u", password: "imap-file-1", active: false } });
    await saveSettings(t.db, { smtp: { host: "smtp.example.com", port: 587, secure: false, user: "u", password: "smtp-file-1", auth: "password" } });
    const keyPath = path.join(process.env.DATA_DIR, "encryption-key");
    const oldKey = fs.readFileSync(keyPath, "utf8").trim();

    const rotation = await rotateEncryptionKey(t.db);
    expect(rotation).toMatchObject({ mode: "file", unreadable: [], previousKeptAt: null });
    const currentKey = fs.readFileSync(keyPath, "utf8").trim();
    expect(currentKey).not.toBe(oldKey);
    expect(fs.existsSync(`${keyPath}.previous`)).toBe(false);
    if (process.platform !== "win32") expect(fs.statSync(keyPath).mode & 0o077).toBe(0);
    expect(openSecret(await storedPassword(mailbox.id))).toBe("imap-file-1");
    expect(openSecret((await loadSettings(t.db)).smtp.password)).toBe("smtp-file-1");
    // The old key alone opens nothing any more.
    const oldRing = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: oldKey });
    await expect(storedPassword(mailbox.id).then((v) => openSecret(v, oldRing))).rejects.toThrow(/key this server does not have/);
  });

  it("a password no key opens is a clear error on the mailbox and on outgoing mail, not a crash", async () => {
    useKeys(newKey());
    const mailbox = await t.db.imapMailbox.create({ data: { name: `Lost ${uid()}`, host: "127.0.0.1", port: 1, secure: false, username: "u", password: "imap-lost-1", active: true } });
    await saveSettings(t.db, { smtp: { host: "127.0.0.1", port: 1, secure: false, user: "u", password: "smtp-lost-1", auth: "password" } });
    const outgoing = await t.db.outboxMessage.create({ data: { toAddress: "x@example.com", subject: "s", textBody: "b" } });
    useKeys(newKey()); // the key the passwords were sealed with is lost

    const poll = await pollMailboxOnce(t.db, await t.db.imapMailbox.findUniqueOrThrow({ where: { id: mailbox.id } }));
    expect(poll.ok).toBe(false);
    expect(poll.error).toMatch(/The saved password cannot be decrypted: .*Enter it again/);
    expect((await t.db.imapMailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).lastError).toMatch(/cannot be decrypted/);
    expect(await testMailboxConnection(t.db, admin, { id: mailbox.id })).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be decrypted/) });

    await processOutbox(t.db);
    const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: outgoing.id } });
    expect(row).toMatchObject({ state: "PENDING", attempts: 1 });
    expect(row.lastError).toMatch(/The SMTP password cannot be decrypted/);
    await t.db.outboxMessage.delete({ where: { id: outgoing.id } });
    await t.db.imapMailbox.update({ where: { id: mailbox.id }, data: { active: false } });
  });
});
