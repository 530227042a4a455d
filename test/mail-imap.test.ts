// IMAP polling against a real Dovecot on 127.0.0.1 and real SQLite and PostgreSQL. The test is the
// "mail server side": it APPENDs messages with imapflow and reads their flags back; the help desk
// polls through pollMailbox/pollAllMailboxes exactly as the background poller does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { pollMailbox } from "@/lib/mail/imap/poll";
import { pollAllMailboxes, pollMailboxOnce } from "@/lib/mail/imap/poller";
import { checkImapConnection } from "@/lib/mail/imap/test-connection";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb } from "@/lib/server/prisma";
import { loadSettings, saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";
import { startImapServer, type ImapTestServer } from "./imap-server";
import { needTool } from "./tools";
import { rawMail, type MailSpec } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
const filesDir = process.env.ATTACHMENTS_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-imap-files-"));
process.env.ATTACHMENTS_DIR ??= filesDir!;

const dovecot = needTool("dovecot");
let server: ImapTestServer;
beforeAll(async () => {
  server = await startImapServer();
});
afterAll(async () => {
  await server?.stop();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe.each(testDatabaseKinds())("IMAP polling on %s", dovecot.options, (kind) => {
  let t: TestDatabase;
  let topicId: number;
  const sides: ImapFlow[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    topicId = (await helpTopic(t.db, dept.id)).id;
  });
  afterAll(async () => {
    await Promise.all(sides.map((s) => s.logout().catch(() => undefined)));
    await t?.drop();
  });

  /** A fresh Dovecot user, its ImapMailbox row, and the server-side client that delivers to it. */
  async function mailbox(overrides: { password?: string; port?: number } = {}) {
    const user = `u${uid()}`;
    const password = server.password;
    const row = await t.db.imapMailbox.create({
      data: { name: `Support ${user}`, host: server.host, port: overrides.port ?? server.port, secure: false, username: user, password: overrides.password ?? password, helpTopicId: topicId },
    });
    const side = await server.connect(user, password);
    sides.push(side);
    const deliver = async (mail: MailSpec | Buffer) => (await side.append("INBOX", Buffer.isBuffer(mail) ? mail : rawMail(mail))) || undefined;
    const unseen = async () => ((await side.status("INBOX", { unseen: true })) || { unseen: -1 }).unseen;
    const markAllUnseen = async () => {
      const lock = await side.getMailboxLock("INBOX");
      try {
        await side.messageFlagsRemove("1:*", ["\\Seen"]);
      } finally {
        lock.release();
      }
    };
    return { row, deliver, unseen, markAllUnseen };
  }

  const ticketsFrom = (email: string) => t.db.ticket.findMany({ where: { requester: { email } }, include: { entries: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });

  it("opens a ticket from new mail under the mailbox's help topic, then threads the reply onto it", async () => {
    const box = await mailbox();
    const from = `ken-${uid()}@example.com`;
    const messageId = `<${uid()}@client.example>`;
    await box.deliver({ from: `Ken Adams <${from}>`, subject: "VPN is down", body: "Since 9am.", messageId });
    const first = await pollMailbox(t.db, box.row);
    expect(first).toMatchObject({ ok: true, stored: 1, error: null });
    expect(await box.unseen()).toBe(0);
    const [ticket] = await ticketsFrom(from);
    expect(ticket).toMatchObject({ source: "EMAIL", helpTopicId: topicId, subject: "VPN is down" });
    expect(await t.db.inboundMessage.findFirst({ where: { dedupeKey: messageId } })).toMatchObject({ state: "STORED", mailbox: box.row.name, ticketId: ticket.id });

    await box.deliver({ from, subject: "Re: VPN is down", body: "Still down.", inReplyTo: messageId });
    expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 1 });
    const tickets = await ticketsFrom(from);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].entries.map((e) => e.body)).toEqual(["Since 9am.", "Still down."]);
    const polled = await t.db.imapMailbox.findUniqueOrThrow({ where: { id: box.row.id } });
    expect(polled.lastPolledAt).not.toBeNull();
    expect(polled.lastError).toBeNull();
  });

  it("records the same message delivered twice once: one ticket, one entry, both copies marked seen", async () => {
    const box = await mailbox();
    const from = `dup-${uid()}@example.com`;
    const raw = rawMail({ from, subject: "Twice", body: "Once." });
    await box.deliver(raw);
    await box.deliver(raw);
    expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 1, duplicates: 1 });
    expect(await box.unseen()).toBe(0);
    const tickets = await ticketsFrom(from);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].entries).toHaveLength(1);
  });

  it("quarantines malformed mail raw, marks it seen, and keeps taking the messages after it", async () => {
    const box = await mailbox();
    const garbage = Buffer.from(`this is not a mail ${uid()}\r\n--no-boundary\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n=?broken?=\r\n`);
    const b = `b-${uid()}`;
    const from = `mime-${uid()}@example.com`;
    const brokenMime = Buffer.from([`From: ${from}`, `Subject: Broken MIME`, `Message-ID: <${uid()}@client.example>`, "MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${b}"`, "", `--${b}`, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", "@@@ not base64 !!!", `--${b}`, "Content-Type: application/octet-stream", ""].join("\r\n"));
    await box.deliver(garbage);
    await box.deliver(brokenMime);
    await box.deliver({ from: `after-${uid()}@example.com`, subject: "After the bad ones", body: "Fine." });
    const outcome = await pollMailbox(t.db, box.row);
    expect(outcome).toMatchObject({ ok: true, failed: 0 });
    expect(outcome.quarantined).toBeGreaterThanOrEqual(1);
    expect(outcome.stored + outcome.quarantined).toBe(3);
    expect(await box.unseen()).toBe(0);
    const quarantined = await t.db.inboundMessage.findMany({ where: { mailbox: box.row.name, state: "QUARANTINED" } });
    expect(quarantined.some((q) => q.raw?.includes("this is not a mail") && q.error)).toBe(true);
  });

  it("keeps an oversized message in the quarantine without downloading it, once, and takes it whole after the limit is raised", async () => {
    const box = await mailbox();
    const from = `big-${uid()}@example.com`;
    const messageId = `<${uid()}@client.example>`;
    const before = await loadSettings(t.db);
    await saveSettings(t.db, { attachmentMaxTotalMb: 0.1 }); // limit ≈ 0.1 MB × 4/3 + 256 KB ≈ 390 KB
    try {
      await box.deliver({ from, subject: "Big logs", body: "See attached.", messageId, attachment: { name: "big.txt", type: "text/plain", content: Buffer.alloc(600 * 1024, "x") } });
      expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, oversized: 1, stored: 0 });
      expect(await box.unseen()).toBe(0);
      const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: messageId } });
      expect(row).toMatchObject({ state: "QUARANTINED", fromEmail: from, subject: "Big logs", mailbox: box.row.name });
      expect(row.error).toMatch(/over the .* limit/);
      expect(row.raw!.length).toBeLessThan(10_000);
      // Marked unread again while still too large: recorded already, nothing added, no loop.
      await box.markAllUnseen();
      expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, oversized: 1 });
      expect(await t.db.inboundMessage.count({ where: { mailbox: box.row.name } })).toBe(1);
    } finally {
      await saveSettings(t.db, { attachmentMaxTotalMb: before.attachmentMaxTotalMb });
    }
    // With the limit back up, marking it unread takes in the whole message: the quarantined row becomes the ticket's.
    await box.markAllUnseen();
    expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 1 });
    expect(await t.db.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: messageId } })).toMatchObject({ state: "STORED" });
    expect(await ticketsFrom(from)).toHaveLength(1);
  });

  it("sends no auto-response to an auto-reply and stops a mail loop at the per-sender cap", async () => {
    const box = await mailbox();
    const bot = `bot-${uid()}@example.com`;
    await saveSettings(t.db, { mailMaxNewTicketsPerSenderHour: 2 });
    try {
      for (let i = 0; i < 4; i++) await box.deliver({ from: bot, subject: `Out of office ${i}`, body: "I am away.", headers: { "Auto-Submitted": "auto-replied" } });
      expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 2, ignored: 2 });
    } finally {
      await saveSettings(t.db, { mailMaxNewTicketsPerSenderHour: 10 });
    }
    expect(await box.unseen()).toBe(0);
    expect(await ticketsFrom(bot)).toHaveLength(2);
    expect(await t.db.outboxMessage.count({ where: { toAddress: bot } })).toBe(0);
  });

  it("stores HTML mail sanitised: no script, no event handlers", async () => {
    const box = await mailbox();
    const from = `html-${uid()}@example.com`;
    const b = `b-${uid()}`;
    await box.deliver(Buffer.from([`From: ${from}`, "Subject: HTML", `Message-ID: <${uid()}@client.example>`, "MIME-Version: 1.0", `Content-Type: multipart/alternative; boundary="${b}"`, "", `--${b}`, "Content-Type: text/html; charset=utf-8", "",
      `<p onclick="steal()">Hello <b>there</b><script>alert(document.cookie)</script></p>`, `--${b}--`, ""].join("\r\n")));
    expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 1 });
    const [entry] = (await ticketsFrom(from))[0].entries;
    expect(entry.body).toBe("Hello there");
    expect(entry.bodyHtml).toBe("<p>Hello <b>there</b></p>");
  });

  it("polls each mailbox on its own: a wrong password or a dead host is that mailbox's error, the others still work", async () => {
    await t.db.imapMailbox.updateMany({ data: { active: false } });
    const good = await mailbox();
    const wrong = await mailbox({ password: "not-the-password" });
    const dead = await mailbox({ port: 1 });
    const from = `iso-${uid()}@example.com`;
    await good.deliver({ from, subject: "Works", body: "Yes." });
    await wrong.deliver({ from, subject: "Stays", body: "Unread." });
    const outcomes = await pollAllMailboxes(t.db);
    const by = (name: string) => outcomes.find((o) => o.mailbox === name)!;
    expect(outcomes).toHaveLength(3);
    expect(by(good.row.name)).toMatchObject({ ok: true, stored: 1 });
    expect(by(wrong.row.name)).toMatchObject({ ok: false, stored: 0 });
    expect(by(wrong.row.name).error).toMatch(/Sign-in refused/);
    expect(by(dead.row.name).error).toMatch(/Connection refused/);
    expect(await wrong.unseen()).toBe(1);
    const rows = await t.db.imapMailbox.findMany({ where: { id: { in: [good.row.id, wrong.row.id, dead.row.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.lastError === null, r.lastErrorAt === null, r.lastPolledAt !== null])).toEqual([[true, true, true], [false, false, true], [false, false, true]]);
    expect((await ticketsFrom(from)).map((x) => x.subject)).toEqual(["Works"]);
    // The connection check says the same, in words.
    expect(await checkImapConnection(t.db, { ...wrong.row })).toMatchObject({ ok: false, message: expect.stringMatching(/Sign-in refused/) });
    expect(await checkImapConnection(t.db, { ...good.row })).toMatchObject({ ok: true, messages: 1, unseen: 0 });
    expect(await checkImapConnection(t.db, { ...good.row, folder: "Nope" })).toMatchObject({ ok: false, message: expect.stringMatching(/does not exist/) });
    await t.db.imapMailbox.updateMany({ data: { active: false } });
  });

  it("loses and doubles nothing when the process dies between storing a message and flagging it seen", async () => {
    const box = await mailbox();
    const from = `crash-${uid()}@example.com`;
    for (let i = 1; i <= 4; i++) await box.deliver({ from, subject: `Crash ${i}`, body: `Message ${i}.` });
    // The real ingest runs; after it stored the second message the "process dies": that message is
    // in the database but was never flagged, and the poll goes no further.
    const dying = new AbortController();
    let taken = 0;
    const first = await pollMailbox(t.db, box.row, {
      signal: dying.signal,
      ingest: async (db, raw, options) => {
        const result = await ingestMessage(db, raw, options);
        if (++taken === 2) {
          dying.abort();
          throw new Error("process died");
        }
        return result;
      },
    });
    expect(first).toMatchObject({ ok: false, stored: 1, failed: 1 });
    expect(await box.unseen()).toBe(3);
    expect(await ticketsFrom(from)).toHaveLength(2);
    // The next poll (after the "restart") takes the rest: the stored one is a duplicate, nothing is doubled.
    expect(await pollMailbox(t.db, box.row)).toMatchObject({ ok: true, stored: 2, duplicates: 1 });
    expect(await box.unseen()).toBe(0);
    const tickets = await ticketsFrom(from);
    expect(tickets.map((x) => x.subject)).toEqual(["Crash 1", "Crash 2", "Crash 3", "Crash 4"]);
    expect(tickets.every((x) => x.entries.length === 1)).toBe(true);
    expect((await t.db.imapMailbox.findUniqueOrThrow({ where: { id: box.row.id } })).lastError).toBeNull();
  });

  it("leaves mail unseen while the database is down, and one message that throws never blocks the others", async () => {
    const box = await mailbox();
    const from = `down-${uid()}@example.com`;
    await box.deliver({ from, subject: "Down 1", body: "One." });
    await box.deliver({ from, subject: "Down 2", body: "Two." });
    // A database nobody listens on: the poll cannot record anything, so it takes nothing.
    const down = createDb(databaseTarget("postgresql://postgres@127.0.0.1:1/helpdesk_down"));
    try {
      const outcome = await pollMailbox(down, box.row);
      expect(outcome.ok).toBe(false);
    } finally {
      await down.$disconnect();
    }
    expect(await box.unseen()).toBe(2);
    // The first message's ingest fails (its transaction never commits); the second is still taken.
    let calls = 0;
    const partial = await pollMailbox(t.db, box.row, {
      ingest: async (db, raw, options) => {
        if (++calls === 1) throw new Error("connection to the database lost");
        return ingestMessage(db, raw, options);
      },
    });
    expect(partial).toMatchObject({ ok: false, stored: 1, failed: 1 });
    expect(partial.error).toMatch(/stay unread/);
    expect(await box.unseen()).toBe(1);
    const row = await t.db.imapMailbox.findUniqueOrThrow({ where: { id: box.row.id } });
    expect(row.lastError).toMatch(/connection to the database lost/);
    expect(row.lastErrorAt).not.toBeNull();
    // Once the database is back, the next poll takes it and clears the error.
    expect(await pollMailboxOnce(t.db, box.row)).toMatchObject({ ok: true, stored: 1 });
    expect(await box.unseen()).toBe(0);
    expect((await ticketsFrom(from)).map((x) => x.subject).sort()).toEqual(["Down 1", "Down 2"]);
    expect((await t.db.imapMailbox.findUniqueOrThrow({ where: { id: box.row.id } })).lastError).toBeNull();
  });

  it("never runs two polls of one mailbox at once: a second request joins the first", async () => {
    const box = await mailbox();
    await box.deliver({ from: `once-${uid()}@example.com`, subject: "Once", body: "Only once." });
    const [a, b] = await Promise.all([pollMailboxOnce(t.db, box.row), pollMailboxOnce(t.db, box.row)]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ ok: true, stored: 1, duplicates: 0 });
  });
});
