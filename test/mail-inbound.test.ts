// The inbound pipeline's rules against real SQLite and PostgreSQL: threading, who may reply,
// dedupe, the quarantine and its retry, the mail-loop guard, refused attachments.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRaw, ingestMessage, retryQuarantined } from "@/lib/mail/inbound/ingest";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, staff, uid } from "./factories";
import { rawMail, type MailSpec } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-inbound-files-"));

describe.each(testDatabaseKinds())("inbound mail on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    topicId = (await helpTopic(t.db, dept.id)).id;
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ingest = (m: MailSpec) => ingestMessage(t.db, rawMail(m), { mailbox: "test" });
  const entriesOf = (number: string) => t.db.threadEntry.findMany({ where: { ticket: { number } }, orderBy: { id: "asc" }, include: { attachments: true } });

  it("opens a ticket, then threads the requester's reply by subject number with the quote trimmed", async () => {
    const ken = `ken-${uid()}@example.com`;
    const first = await ingest({ from: `Ken Adams <${ken}>`, subject: "VPN is down", body: "Since 9am." });
    expect(first).toMatchObject({ state: "STORED", created: true });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: first.ticketNumber! }, include: { requester: true } });
    expect(ticket).toMatchObject({ source: "EMAIL", helpTopicId: topicId, subject: "VPN is down" });
    expect(ticket.requester).toMatchObject({ email: ken, name: "Ken Adams" });

    const reply = await ingest({ from: ken.toUpperCase(), subject: `Re: [#${first.ticketNumber}] VPN is down`, body: "Still down.\n\nOn Mon, 3 Feb 2025, Help desk <support@example.com> wrote:\n> Try again" });
    expect(reply).toMatchObject({ state: "STORED", created: false, ticketNumber: first.ticketNumber });
    expect((await entriesOf(first.ticketNumber!)).map((e) => [e.kind, e.body, e.source])).toEqual([["MESSAGE", "Since 9am.", "EMAIL"], ["MESSAGE", "Still down.", "EMAIL"]]);
  });

  it("threads by In-Reply-To onto the message it answers", async () => {
    const ann = `ann-${uid()}@example.com`;
    const messageId = `<${uid()}@client.example>`;
    const first = await ingest({ from: ann, subject: "Printer jam", body: "Jammed.", messageId });
    const reply = await ingest({ from: ann, subject: "Re: Printer jam", body: "Cleared it, thanks.", inReplyTo: messageId });
    expect(reply).toMatchObject({ state: "STORED", created: false, ticketNumber: first.ticketNumber });
  });

  it("opens a new ticket when someone other than the requester uses a ticket's number, even an agent", async () => {
    const first = await ingest({ from: `owner-${uid()}@example.com`, subject: "Mine", body: "Private." });
    const agent = await staff(t.db);
    for (const from of [`stranger-${uid()}@example.com`, agent.email]) {
      const other = await ingest({ from, subject: `Re: [#${first.ticketNumber}] Mine`, body: "Let me in." });
      expect(other).toMatchObject({ state: "STORED", created: true });
      expect(other.ticketNumber).not.toBe(first.ticketNumber);
    }
    expect(await entriesOf(first.ticketNumber!)).toHaveLength(1);
    // Mail never grants access: the agent's mail made them a requester on a ticket of their own.
    expect(await t.db.threadEntry.count({ where: { authorStaffId: agent.id } })).toBe(0);
  });

  it("records a second delivery of the same message as a duplicate and changes nothing", async () => {
    const raw = rawMail({ from: `dup-${uid()}@example.com`, subject: "Twice", body: "Once." });
    const a = await ingestMessage(t.db, raw, { mailbox: "test" });
    const b = await ingestMessage(t.db, raw, { mailbox: "imap:support" });
    expect(b).toMatchObject({ state: "DUPLICATE", ticketNumber: a.ticketNumber });
    expect(await t.db.ticket.count({ where: { number: a.ticketNumber! } })).toBe(1);
    expect(await entriesOf(a.ticketNumber!)).toHaveLength(1);
  });

  it("dedupes a message without Message-ID by its hash", async () => {
    const raw = Buffer.from(`From: nomid-${uid()}@example.com\r\nSubject: No id\r\n\r\nHello\r\n`);
    expect((await ingestMessage(t.db, raw, { mailbox: "test" })).state).toBe("STORED");
    expect((await ingestMessage(t.db, raw, { mailbox: "test" })).state).toBe("DUPLICATE");
  });

  it("quarantines what it cannot store, raw, and stores it on retry once the cause is fixed", async () => {
    await saveSettings(t.db, { mailDefaultHelpTopicId: 999_999 });
    const raw = rawMail({ from: `q-${uid()}@example.com`, subject: "Quarantine me", body: "Grüße \u00e9" });
    const q = await ingestMessage(t.db, raw, { mailbox: "test" });
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId });
    expect(q.state).toBe("QUARANTINED");
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } });
    expect(row.error).toMatch(/help topic/i);
    expect(decodeRaw(row.raw!).equals(raw)).toBe(true);

    const retried = await retryQuarantined(t.db, q.inboundId);
    expect(retried).toMatchObject({ state: "STORED", created: true, inboundId: q.inboundId });
    expect(await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } })).toMatchObject({ state: "STORED", raw: null, error: null });
    await expect(retryQuarantined(t.db, q.inboundId)).rejects.toThrow(/does not exist/);
  });

  it("files a retried message from an IMAP mailbox under that mailbox's topic", async () => {
    const billing = await helpTopic(t.db, (await department(t.db, `Billing ${uid()}`)).id);
    const mailbox = await t.db.imapMailbox.create({ data: { name: `billing-${uid()}`, host: "127.0.0.1", username: "u", password: "p", helpTopicId: billing.id } });
    const raw = rawMail({ from: `late-${uid()}@example.com`, subject: "Invoice", body: "Hello" });
    // Quarantined for a cause outside the mail itself (here: a forced failure on the first try).
    const key = (await ingestMessage(t.db, raw, { mailbox: mailbox.name, helpTopicId: 999_999 })).inboundId;
    expect((await t.db.inboundMessage.findUniqueOrThrow({ where: { id: key } })).state).toBe("QUARANTINED");
    const retried = await retryQuarantined(t.db, key);
    expect(retried.state).toBe("STORED");
    expect((await t.db.ticket.findUniqueOrThrow({ where: { number: retried.ticketNumber! } })).helpTopicId).toBe(billing.id);
  });

  it("keeps non-UTF-8 raw mail byte for byte in the quarantine", async () => {
    const raw = Buffer.concat([Buffer.from("Subject: \xe9t\xe9\r\n\r\nno sender ", "latin1"), Buffer.from([0xff, 0x00, 0x01])]);
    const q = await ingestMessage(t.db, raw, { mailbox: "test" });
    expect(q.state).toBe("QUARANTINED");
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: q.inboundId } });
    expect(row.error).toMatch(/no sender/);
    expect(decodeRaw(row.raw!).equals(raw)).toBe(true);
  });

  it("ignores new tickets past the per-sender hourly cap (mail loops)", async () => {
    await saveSettings(t.db, { mailMaxNewTicketsPerSenderHour: 2 });
    const from = `loop-${uid()}@example.com`;
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await ingest({ from, subject: `Auto ${i}`, body: "x" })).state);
    await saveSettings(t.db, { mailMaxNewTicketsPerSenderHour: 10 });
    expect(states).toEqual(["STORED", "STORED", "IGNORED"]);
  });

  it("drops a refused attachment with a note and keeps the message and the good files", async () => {
    const exe = await ingest({ from: `att-${uid()}@example.com`, subject: "Logs", body: "See attached.", attachment: { name: "tool.exe", type: "application/octet-stream", content: Buffer.from("MZ\x90\x00binary") } });
    const [entry] = await entriesOf(exe.ticketNumber!);
    expect(entry.attachments).toHaveLength(0);
    expect(entry.body).toMatch(/^See attached\.\n\n\[Attachment not kept: "tool\.exe": this type of file is not accepted/);

    const log = await ingest({ from: `att-${uid()}@example.com`, subject: "Logs", body: "Log.", attachment: { name: "vpn.log", type: "text/plain", content: Buffer.from("line 1\nline 2\n") } });
    const [withLog] = await entriesOf(log.ticketNumber!);
    expect(withLog.attachments.map((a) => [a.fileName, a.contentType, a.size])).toEqual([["vpn.log", "text/plain", 14]]);
  });

  it("files a bounce on a closed ticket without reopening it; the requester's mail reopens it", async () => {
    const from = `closed-${uid()}@example.com`;
    const first = await ingest({ from, subject: "Old issue", body: "Help." });
    const closed = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "CLOSED" } });
    await t.db.ticket.update({ where: { number: first.ticketNumber! }, data: { statusId: closed.id, isOpen: false, closedAt: new Date() } });
    const ooo = await ingest({ from, subject: `Automatic reply: [#${first.ticketNumber}] Old issue`, body: "I am away.", headers: { "Auto-Submitted": "auto-replied" } });
    expect(ooo).toMatchObject({ state: "STORED", ticketNumber: first.ticketNumber });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { number: first.ticketNumber! } })).isOpen).toBe(false);
    await ingest({ from, subject: `Re: [#${first.ticketNumber}] Old issue`, body: "It is back." });
    expect((await t.db.ticket.findUniqueOrThrow({ where: { number: first.ticketNumber! } })).isOpen).toBe(true);
  });

  it("stores HTML only sanitised, with the text for the body", async () => {
    const b = `b-${uid()}`;
    const raw = Buffer.from([`From: html-${uid()}@example.com`, "Subject: HTML", `Content-Type: multipart/alternative; boundary="${b}"`, "", `--${b}`, "Content-Type: text/html; charset=utf-8", "",
      `<p onclick="steal()">Hello <b>there</b><img src="https://tracker.example/p.gif"><script>alert(1)</script></p>`, `--${b}--`, ""].join("\r\n"));
    const r = await ingestMessage(t.db, raw, { mailbox: "test" });
    const [entry] = await entriesOf(r.ticketNumber!);
    expect(entry.body).toBe("Hello there");
    expect(entry.bodyHtml).toBe("<p>Hello <b>there</b></p>");
  });
});
