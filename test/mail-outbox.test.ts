// Outgoing mail end to end: events write the outbox in their own transaction, the worker sends
// through a REAL SMTP conversation (smtp-server in this process), retries with back-off, gives up
// after MAX_ATTEMPTS; replies to what we sent thread back onto the ticket.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { backoffMs, MAX_ATTEMPTS, processOutbox } from "@/lib/mail/outbox-worker";
import { createMailTransport } from "@/lib/mail/transport";
import { saveSettings } from "@/lib/settings/store";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { changeStatus, replyToTicket } from "@/lib/tickets/agent-steps";
import { openTicket } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

type Received = { to: string[]; raw: Buffer; mail: ParsedMail };

/** A real SMTP server on 127.0.0.1: records what it receives, or refuses every recipient. */
async function smtpServer() {
  const received: Received[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, mail: await simpleParser(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, setRefuse: (v: boolean) => (refuse = v), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(testDatabaseKinds())("outgoing mail on %s", (kind) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let topicId: number;
  let deptId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    smtp = await smtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    deptId = (await department(t.db)).id;
    topicId = (await helpTopic(t.db, deptId)).id;
    await saveSettings(t.db, { helpdeskUrl: "https://help.example.com", helpdeskName: "ACME Help", mailDefaultHelpTopicId: topicId, mailFromAddress: "ACME Help <help@example.com>" });
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    await smtp?.close();
    await t?.drop();
  });

  const drain = async () => {
    await t.db.outboxMessage.updateMany({ where: { state: { in: ["SENT", "FAILED"] } }, data: { ticketId: null } });
    return processOutbox(t.db);
  };

  it("sends the new-ticket auto-response with the private link, and alerts the department's agents", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const email = `ken-${uid()}@example.com`;
    const opened = await openTicket(t.db, { name: "Ken Adams", email, helpTopicId: topicId, subject: "VPN <down>", message: "Since 9am." });
    const before = smtp.received.length;
    expect((await drain()).sent).toBeGreaterThanOrEqual(2);
    const mails = smtp.received.slice(before);
    const toKen = mails.find((m) => m.to.includes(email))!;
    expect(toKen.mail.subject).toBe(`[#${opened.number}] VPN <down>`);
    expect(toKen.mail.text).toContain(`https://help.example.com${opened.linkPath}`);
    expect(toKen.mail.html).toContain("VPN &lt;down&gt;");
    expect(toKen.mail.messageId).toMatch(new RegExp(`^<ticket\\.${opened.number}\\.[a-f0-9]+@help\\.example\\.com>$`));
    expect(toKen.mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(toKen.mail.from?.text).toBe('"ACME Help" <help@example.com>');
    const alert = mails.find((m) => m.to.includes(agent.email))!;
    expect(alert.mail.subject).toBe(`New ticket: [#${opened.number}] VPN <down>`);
    expect(alert.mail.text).toContain(`/agent/tickets/${opened.number}`);
    expect(await t.db.outboxMessage.count({ where: { ticketId: { not: null }, state: "PENDING" } })).toBe(0);
  });

  it("mails an agent's reply with thread context; the requester's answer threads back by In-Reply-To", async () => {
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [deptId], name: "Jane Doe" })).id);
    const email = `ann-${uid()}@example.com`;
    const first = await ingestMessage(t.db, rawMail({ from: `Ann <${email}>`, subject: "Printer", body: "It jams." }), { mailbox: "test" });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: first.ticketNumber! } });
    await replyToTicket(t.db, agent, { ticketId: ticket.id, version: ticket.version, body: "Open tray 2 and pull the sheet." });
    const before = smtp.received.length;
    await drain();
    const reply = smtp.received.slice(before).find((m) => m.to.includes(email) && m.mail.subject?.startsWith("Re:"))!;
    expect(reply.mail.subject).toBe(`Re: [#${ticket.number}] Printer`);
    expect(reply.mail.text).toContain("Open tray 2 and pull the sheet.");
    expect(reply.mail.text).toContain("> It jams.");
    expect(reply.mail.headers.get("auto-submitted")).toBeUndefined();
    const firstEntry = await t.db.threadEntry.findFirstOrThrow({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(reply.mail.inReplyTo).toBe(firstEntry.messageId);

    // The requester answers from a client that drops the subject tag: In-Reply-To finds the ticket.
    const answer = await ingestMessage(t.db, rawMail({ from: email, subject: "Re: Printer", body: "Done, thanks!\n\n> Open tray 2", inReplyTo: reply.mail.messageId! }), { mailbox: "test" });
    expect(answer).toMatchObject({ state: "STORED", created: false, ticketNumber: ticket.number });
  });

  it("sends a resolution notice without the internal note", async () => {
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [deptId] })).id);
    const email = `res-${uid()}@example.com`;
    const opened = await openTicket(t.db, { name: "Res", email, helpTopicId: topicId, subject: "Broken", message: "x" });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } });
    const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
    await changeStatus(t.db, agent, { ticketId: ticket.id, version: ticket.version, statusId: resolved.id, note: "Internal: replaced the PSU" });
    const before = smtp.received.length;
    await drain();
    const notice = smtp.received.slice(before).find((m) => m.to.includes(email) && m.mail.subject?.startsWith("Resolved"))!;
    expect(notice.mail.subject).toBe(`Resolved: [#${opened.number}] Broken`);
    expect(notice.mail.text).not.toContain("PSU");
  });

  it("sends no auto-response to an auto-reply, and nothing when the event's transaction fails", async () => {
    const before = await t.db.outboxMessage.count();
    await ingestMessage(t.db, rawMail({ from: `ooo-${uid()}@example.com`, subject: "Out of office", body: "Away", headers: { "Auto-Submitted": "auto-replied" } }), { mailbox: "test" });
    const queued = await t.db.outboxMessage.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "desc" }, take: (await t.db.outboxMessage.count()) - before });
    expect(queued.filter((m) => m.toAddress.startsWith("ooo-"))).toHaveLength(0);

    const count = await t.db.outboxMessage.count();
    await expect(openTicket(t.db, { name: "X", email: `rb-${uid()}@example.com`, helpTopicId: topicId, subject: "Rolled back", message: "x" }, [], "WEB", { afterCreate: async () => { throw new Error("boom"); } })).rejects.toThrow("boom");
    expect(await t.db.outboxMessage.count()).toBe(count);
  });

  it("retries a refused message with exponential back-off, then marks it FAILED", async () => {
    await processOutbox(t.db); // nothing else pending
    const row = await t.db.outboxMessage.create({ data: { toAddress: "refused@example.com", subject: "Try", textBody: "x", headers: JSON.stringify({ "Message-ID": `<${uid()}@help.example.com>` }) } });
    smtp.setRefuse(true);
    try {
      let now = new Date();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const run = await processOutbox(t.db, { now });
        const after = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
        expect(after.attempts).toBe(attempt);
        expect(after.lastError).toMatch(/550|Mailbox unavailable/);
        if (attempt < MAX_ATTEMPTS) {
          expect(run.retried).toBe(1);
          expect(after.state).toBe("PENDING");
          expect(after.nextAttemptAt.getTime() - now.getTime()).toBe(backoffMs(attempt));
          // Not due before its time.
          expect((await processOutbox(t.db, { now: new Date(after.nextAttemptAt.getTime() - 1000) })).retried).toBe(0);
          now = after.nextAttemptAt;
        } else {
          expect(run.failed).toBe(1);
          expect(after.state).toBe("FAILED");
        }
      }
    } finally {
      smtp.setRefuse(false);
    }
    expect([backoffMs(1), backoffMs(2), backoffMs(3)]).toEqual([60_000, 120_000, 240_000]);
  });

  it("writes .eml files to the outbox folder when no SMTP is configured", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    process.env.MAIL_OUTBOX_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-outbox-"));
    try {
      const transport = createMailTransport(DEFAULT_SETTINGS);
      await transport.send({ from: "help@example.com", to: "dev@example.com", subject: "[#000001] Hello", text: "Body", headers: { "Message-ID": "<ticket.000001.abc@localhost>" } });
      const [file] = fs.readdirSync(process.env.MAIL_OUTBOX_DIR);
      const parsed = await simpleParser(fs.readFileSync(path.join(process.env.MAIL_OUTBOX_DIR, file)));
      expect(file).toMatch(/\.eml$/);
      expect([parsed.subject, parsed.messageId, parsed.text?.trim()]).toEqual(["[#000001] Hello", "<ticket.000001.abc@localhost>", "Body"]);
    } finally {
      process.env.SMTP_URL = saved;
      delete process.env.MAIL_OUTBOX_DIR;
    }
  });
});
