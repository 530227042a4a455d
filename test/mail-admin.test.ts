// The mail admin screens' actions, wired as the browser calls them (session and database module
// swapped for the test's), on both databases: mail settings (validation, the password kept when
// left blank and never written to the audit log), "Send test message" through a REAL SMTP
// conversation and against a closed port, outbox retry/discard, and the quarantine's retry/discard.
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { processOutbox } from "@/lib/mail/outbox-worker";
import { loadSettings } from "@/lib/settings/store";
import { openSecret } from "@/lib/server/secret-box";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
delete process.env.SMTP_URL;
const outboxFolder = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-outbox-"));
process.env.MAIL_OUTBOX_DIR = outboxFolder;

const actions = await import("@/lib/mail/admin/actions");

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function smtpServer() {
  const received: { to: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(Buffer.concat(chunks)) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const form = (over: Record<string, unknown> = {}) => ({
  mailFromAddress: "ACME Help <help@example.com>",
  smtpHost: "",
  smtpPort: "587",
  smtpSecurity: "starttls",
  smtpUser: "",
  smtpPassword: "",
  clearSmtpPassword: false,
  mailboxes: [],
  mailDefaultHelpTopicId: "",
  mailMaxNewTicketsPerSenderHour: "10",
  ...over,
});

describe.each(testDatabaseKinds())("mail admin on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  let agent: StaffActor;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    smtp = await smtpServer();
    admin = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Ada Admin" })).id);
    agent = await actorFor(t.db, (await staff(t.db, { role: "All access" })).id);
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });

  // First, while no help topic exists at all: mail that needs one is quarantined.
  it("quarantines mail when no help topic exists, and a retry after adding one opens the ticket", async () => {
    state.actor = admin;
    const raw = rawMail({ from: "Ken Adams <ken@example.com>", subject: "Printer <on fire>", body: "Third floor." });
    const first = await ingestMessage(t.db, raw, { mailbox: "pipe" });
    expect(first.state).toBe("QUARANTINED");
    expect(first.detail).toMatch(/No help topic/);

    // Retrying before the cause is fixed changes nothing and says so.
    const again = await actions.retryInboundMessageAction({ id: first.inboundId });
    expect(again).toMatchObject({ ok: true, data: { state: "QUARANTINED" } });

    const dept = await department(t.db);
    await helpTopic(t.db, dept.id);
    const retried = await actions.retryInboundMessageAction({ id: first.inboundId });
    expect(retried).toMatchObject({ ok: true, data: { state: "STORED", created: true, ticketNumber: expect.any(String) } });
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: first.inboundId } });
    expect(row.state).toBe("STORED");
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { id: row.ticketId! } });
    expect(ticket.subject).toBe("Printer <on fire>");
    const audits = await t.db.auditLog.findMany({ where: { entity: "inbound-message", entityId: String(first.inboundId) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["retry", "retry"]);
    expect(JSON.parse(audits[1].after!)).toMatchObject({ state: "STORED", ticket: ticket.number });
    // Only quarantined mail can be retried.
    expect(await actions.retryInboundMessageAction({ id: first.inboundId })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("discards a quarantined message: IGNORED, raw kept, a redelivery is a duplicate", async () => {
    state.actor = admin;
    const raw = Buffer.from(`Subject: nobody sent this ${uid()}\r\nMessage-ID: <${uid()}@nowhere.example>\r\n\r\nNo From line.\r\n`);
    const q = await ingestMessage(t.db, raw, { mailbox: "pipe" });
    expect(q.state).toBe("QUARANTINED");
    expect(await actions.discardInboundMessageAction({ id: q.inboundId })).toMatchObject({ ok: true, data: { state: "IGNORED" } });
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } });
    expect(row.state).toBe("IGNORED");
    expect(row.error).toMatch(/^Discarded by Ada Admin\. Was: The message has no sender address/);
    expect(row.raw).not.toBeNull();
    expect((await ingestMessage(t.db, raw, { mailbox: "pipe" })).state).toBe("DUPLICATE");
    expect(await actions.discardInboundMessageAction({ id: q.inboundId })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await t.db.auditLog.count({ where: { entity: "inbound-message", entityId: String(q.inboundId), action: "discard" } })).toBe(1);
  });

  it("files a quarantined message after the admin corrects the sender", async () => {
    state.actor = admin;
    const raw = Buffer.from(`Subject: From a script ${uid()}\r\nMessage-ID: <${uid()}@cron.example>\r\n\r\nDisk almost full.\r\n`);
    const q = await ingestMessage(t.db, raw, { mailbox: "pipe" });
    expect(q.state).toBe("QUARANTINED");
    // Bad input: a field error on the address, and the message stays where it was.
    const bad = await actions.fileWithSenderAction({ id: q.inboundId, senderEmail: "mary ann jones@example.com" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { senderEmail: expect.stringMatching(/one address/) } });
    expect((await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } })).state).toBe("QUARANTINED");

    const filed = await actions.fileWithSenderAction({ id: q.inboundId, senderEmail: " Ops@LocalHost " });
    expect(filed).toMatchObject({ ok: true, data: { state: "STORED", created: true, ticketNumber: expect.any(String) } });
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } });
    expect(row).toMatchObject({ state: "STORED", fromEmail: "ops@localhost", raw: null });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { id: row.ticketId! }, include: { requester: true, entries: true } });
    expect(ticket.requester.email).toBe("ops@localhost");
    expect(ticket.entries.map((e) => e.body)).toEqual(["Disk almost full."]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "inbound-message", entityId: String(q.inboundId), action: "file-with-sender" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ state: "STORED", from: "ops@localhost", ticket: ticket.number });
    // Acting twice: the second finds the message filed and says so; nothing is filed again.
    expect(await actions.fileWithSenderAction({ id: q.inboundId, senderEmail: "ops@localhost" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await t.db.ticket.count({ where: { requester: { email: "ops@localhost" } } })).toBe(1);
  });

  it("refuses a signed-out caller and an agent; nothing changes", async () => {
    const outbox = await t.db.outboxMessage.create({ data: { toAddress: "x@example.com", subject: "s", textBody: "b", state: "FAILED", attempts: 8, lastError: "boom" } });
    const quarantined = await ingestMessage(t.db, Buffer.from(`Subject: q\r\nMessage-ID: <${uid()}@q.example>\r\n\r\nx\r\n`), { mailbox: "pipe" });
    const settingsBefore = JSON.stringify(await loadSettings(t.db));
    const auditsBefore = await t.db.auditLog.count();
    for (const actor of [null, agent]) {
      state.actor = actor;
      const code = actor ? "FORBIDDEN" : "UNAUTHENTICATED";
      expect(await actions.updateMailSettingsAction(form({ smtpHost: "evil.example" }))).toMatchObject({ ok: false, code });
      expect(await actions.sendTestMessageAction({ to: "x@example.com" })).toMatchObject({ ok: false, code });
      expect(await actions.retryOutboxMessageAction({ id: outbox.id })).toMatchObject({ ok: false, code });
      expect(await actions.discardOutboxMessageAction({ id: outbox.id })).toMatchObject({ ok: false, code });
      expect(await actions.retryInboundMessageAction({ id: quarantined.inboundId })).toMatchObject({ ok: false, code });
      expect(await actions.discardInboundMessageAction({ id: quarantined.inboundId })).toMatchObject({ ok: false, code });
      expect(await actions.fileWithSenderAction({ id: quarantined.inboundId, senderEmail: "x@example.com" })).toMatchObject({ ok: false, code });
    }
    expect(JSON.stringify(await loadSettings(t.db))).toBe(settingsBefore);
    expect(await t.db.auditLog.count()).toBe(auditsBefore);
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: outbox.id } })).state).toBe("FAILED");
    expect((await t.db.inboundMessage.findUniqueOrThrow({ where: { id: quarantined.inboundId } })).state).toBe("QUARANTINED");
    expect(smtp.received).toHaveLength(0);
  });

  it("refuses bad mail settings with field errors", async () => {
    state.actor = admin;
    const result = await actions.updateMailSettingsAction(
      form({ mailFromAddress: "not an address", smtpHost: "smtp://mail.example.com", smtpPort: "70000", smtpSecurity: "ssl", mailMaxNewTicketsPerSenderHour: "0", mailboxes: [{ address: "a@example.com", helpTopicId: "1" }, { address: "A@example.com ", helpTopicId: "1" }] }),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: {
        mailFromAddress: expect.stringMatching(/Enter an address/),
        smtpHost: expect.stringMatching(/host name/),
        smtpPort: "The port must be at most 65,535.",
        smtpSecurity: expect.any(String),
        mailMaxNewTicketsPerSenderHour: "The limit must be at least 1.",
        "mailboxes.1.address": "This address is already listed above.",
      },
    });
    // A help topic that does not exist is refused on its field, after the shape is valid.
    const missingTopic = await actions.updateMailSettingsAction(form({ mailboxes: [{ address: "sales@example.com", helpTopicId: "999999" }], mailDefaultHelpTopicId: "999998" }));
    expect(missingTopic).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { "mailboxes.0.helpTopicId": "Choose one of the listed help topics.", mailDefaultHelpTopicId: "Choose one of the listed help topics." } });
    expect(await actions.updateMailSettingsAction(form({ smtpPassword: "new", clearSmtpPassword: true }))).toMatchObject({ ok: false, fieldErrors: { smtpPassword: expect.any(String) } });
  });

  it("saves mail settings, keeps the password when left blank, clears it on request, and never audits it", async () => {
    state.actor = admin;
    const topic = await helpTopic(t.db, (await department(t.db)).id);
    const secret = `s3cret-${uid()}`;
    const saved = await actions.updateMailSettingsAction(
      form({ smtpHost: "smtp.example.com", smtpPort: "465", smtpSecurity: "tls", smtpUser: "mailer", smtpPassword: secret, mailboxes: [{ address: " Sales@Example.com", helpTopicId: String(topic.id) }], mailDefaultHelpTopicId: String(topic.id), mailMaxNewTicketsPerSenderHour: "25" }),
    );
    expect(saved).toEqual({ ok: true, data: { changed: true, version: expect.any(String) } });
    let s = await loadSettings(t.db);
    expect(s.smtp).toEqual({ host: "smtp.example.com", port: 465, secure: true, user: "mailer", password: expect.stringMatching(/^sb1\./), auth: "password" });
    expect(openSecret(s.smtp.password)).toBe(secret);
    expect(s.mailMailboxes).toEqual([{ address: "sales@example.com", helpTopicId: topic.id }]);
    expect(s).toMatchObject({ mailFromAddress: "ACME Help <help@example.com>", mailDefaultHelpTopicId: topic.id, mailMaxNewTicketsPerSenderHour: 25 });

    // Blank password: kept. Port changed: audited, the password only as "set".
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "smtp.example.com", smtpPort: "2465", smtpSecurity: "tls", smtpUser: "mailer", mailboxes: [{ address: "sales@example.com", helpTopicId: topic.id }], mailDefaultHelpTopicId: topic.id, mailMaxNewTicketsPerSenderHour: 25 }))).toMatchObject({ ok: true });
    s = await loadSettings(t.db);
    expect(openSecret(s.smtp.password)).toBe(secret);
    expect(s.smtp.port).toBe(2465);

    // Clearing it.
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "smtp.example.com", smtpPort: "2465", smtpSecurity: "tls", smtpUser: "mailer", clearSmtpPassword: true, mailboxes: [{ address: "sales@example.com", helpTopicId: topic.id }], mailDefaultHelpTopicId: topic.id, mailMaxNewTicketsPerSenderHour: 25 }))).toMatchObject({ ok: true });
    expect((await loadSettings(t.db)).smtp.password).toBe("");

    const audits = await t.db.auditLog.findMany({ where: { entity: "mail-settings", action: "update" }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(3);
    for (const a of audits) expect(`${a.before} ${a.after}`).not.toContain(secret);
    expect(JSON.parse(audits[0].after!)).toMatchObject({ smtpHost: "smtp.example.com", smtpEncryption: "TLS", smtpPassword: "(set)", inboundAddresses: [`sales@example.com → ${topic.name}`], defaultHelpTopic: topic.name });
    expect(JSON.parse(audits[1].after!)).toMatchObject({ smtpPort: 2465, smtpPassword: "(set)" });
    expect(JSON.parse(audits[2].before!)).toMatchObject({ smtpPassword: "(set)" });
    expect(JSON.parse(audits[2].after!)).toMatchObject({ smtpPassword: "(not set)" });
    // Saving the same values again changes nothing and writes no audit row.
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "smtp.example.com", smtpPort: "2465", smtpSecurity: "tls", smtpUser: "mailer", mailboxes: [{ address: "sales@example.com", helpTopicId: topic.id }], mailDefaultHelpTopicId: topic.id, mailMaxNewTicketsPerSenderHour: 25 }))).toEqual({ ok: true, data: { changed: false, version: expect.any(String) } });
  });

  it("sends a test message at once through the SMTP settings, and reports a closed port clearly", async () => {
    state.actor = admin;
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "127.0.0.1", smtpPort: String(smtp.port), smtpSecurity: "starttls" }))).toMatchObject({ ok: true });
    const outboxBefore = await t.db.outboxMessage.count();
    const sent = await actions.sendTestMessageAction({ to: "Ada@Example.com" });
    expect(sent).toMatchObject({ ok: true, data: { sent: true, to: "ada@example.com", error: null, via: `127.0.0.1:${smtp.port} (STARTTLS)` } });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["ada@example.com"]);
    expect(smtp.received[0].mail.subject).toMatch(/^Test message from /);
    expect(smtp.received[0].mail.from?.text).toContain("help@example.com");
    // Straight through the transport: the outbox table is not involved.
    expect(await t.db.outboxMessage.count()).toBe(outboxBefore);

    const port = await closedPort();
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "127.0.0.1", smtpPort: String(port), smtpSecurity: "starttls" }))).toMatchObject({ ok: true });
    const failed = await actions.sendTestMessageAction({ to: "ada@example.com" });
    expect(failed).toMatchObject({ ok: true, data: { sent: false, error: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`) } });

    expect(await actions.sendTestMessageAction({ to: "nobody" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { to: expect.any(String) } });
    const audits = await t.db.auditLog.findMany({ where: { entity: "mail-settings", action: "send-test-message" }, orderBy: { id: "asc" } });
    expect(audits.slice(-2).map((a) => JSON.parse(a.after!).result)).toEqual(["sent", expect.stringMatching(/^failed: .*ECONNREFUSED/)]);
  });

  it("writes a test message to the outbox folder when no SMTP host is set", async () => {
    state.actor = admin;
    expect(await actions.updateMailSettingsAction(form())).toMatchObject({ ok: true });
    const before = fs.existsSync(outboxFolder) ? fs.readdirSync(outboxFolder).length : 0;
    expect(await actions.sendTestMessageAction({ to: "dev@example.com" })).toMatchObject({ ok: true, data: { sent: true, via: `the outbox folder ${outboxFolder}` } });
    const files = fs.readdirSync(outboxFolder);
    expect(files).toHaveLength(before + 1);
  });

  it("retries a failed message now and discards a pending one", async () => {
    state.actor = admin;
    expect(await actions.updateMailSettingsAction(form({ smtpHost: "127.0.0.1", smtpPort: String(smtp.port), smtpSecurity: "starttls" }))).toMatchObject({ ok: true });
    await t.db.outboxMessage.updateMany({ where: { state: "PENDING" }, data: { state: "SENT" } });
    const later = new Date(Date.now() + 3_600_000);
    const failed = await t.db.outboxMessage.create({ data: { toAddress: `failed-${uid()}@example.com`, subject: "Your ticket", textBody: "Hello", state: "FAILED", attempts: 8, lastError: "550 no such user", nextAttemptAt: later } });
    const fresh = await t.db.outboxMessage.create({ data: { toAddress: "fresh@example.com", subject: "New", textBody: "b" } });
    const waiting = await t.db.outboxMessage.create({ data: { toAddress: "waiting@example.com", subject: "Backing off", textBody: "b", attempts: 3, lastError: "421 try later", nextAttemptAt: later } });
    const sent = await t.db.outboxMessage.create({ data: { toAddress: "sent@example.com", subject: "Done", textBody: "b", state: "SENT", attempts: 1, sentAt: new Date() } });

    expect(await actions.retryOutboxMessageAction({ id: failed.id })).toEqual({ ok: true, data: { id: failed.id, state: "PENDING" } });
    const retried = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(retried).toMatchObject({ state: "PENDING", attempts: 0, lastError: null });
    expect(retried.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await actions.retryOutboxMessageAction({ id: waiting.id })).toMatchObject({ ok: true });
    expect(await actions.retryOutboxMessageAction({ id: fresh.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actions.retryOutboxMessageAction({ id: sent.id })).toMatchObject({ ok: false, code: "CONFLICT", message: "This message has already been sent." });
    expect(await actions.discardOutboxMessageAction({ id: sent.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await actions.retryOutboxMessageAction({ id: 99_999_999 })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    expect(await actions.discardOutboxMessageAction({ id: fresh.id })).toMatchObject({ ok: true, data: { state: "FAILED" } });
    expect(await t.db.outboxMessage.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ state: "FAILED", lastError: "Cancelled by Ada Admin" });

    // The worker now sends the retried ones, and not the discarded one.
    const received = smtp.received.length;
    const run = await processOutbox(t.db);
    expect(run).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.received.slice(received).flatMap((r) => r.to).sort()).toEqual([failed.toAddress, "waiting@example.com"].sort());
    const audits = await t.db.auditLog.findMany({ where: { entity: "outbox-message" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => `${a.action} ${a.entityId}`)).toEqual([`retry ${failed.id}`, `retry ${waiting.id}`, `discard ${fresh.id}`]);
    expect(JSON.parse(audits[0].before!)).toMatchObject({ state: "FAILED", lastError: "550 no such user" });
  });
});
