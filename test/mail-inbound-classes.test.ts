// The classes of real-world mail that used to be stored wrong (issue 13, and issue 9's mail items),
// each through the whole inbound pipeline into real SQLite and PostgreSQL: unclear senders, reused
// Message-IDs (also through the API pipe), bounces, single-label domains, messages that keep
// failing, NUL bytes and broken UTF-8 in headers, stub text parts. Nothing lost, nothing doubled.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/api/api-keys";
import { handlePipedMail } from "@/lib/api/pipe-mail";
import { enqueueTicketMail } from "@/lib/mail/enqueue";
import { decodeRaw, ingestMessage, retryQuarantined } from "@/lib/mail/inbound/ingest";
import { MAX_ATTEMPTS } from "@/lib/mail/inbound/inbound-record";
import { mailNoticesForTicket } from "@/lib/mail/inbound/ticket-notices";
import { resolveCidLinks } from "@/lib/mail/inline-images";
import { inlineImagesForEntries } from "@/lib/mail/inline-images-query";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, staff, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-classes-files-"));

const crlf = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

describe.each(testDatabaseKinds())("inbound mail classes on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    await staff(t.db, { departments: [dept.id] });
    await saveSettings(t.db, { mailDefaultHelpTopicId: (await helpTopic(t.db, dept.id)).id, mailMaxNewTicketsPerSenderHour: 1000 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ingest = (raw: Buffer) => ingestMessage(t.db, raw, { mailbox: "test" });
  const ticketOf = (number: string) => t.db.ticket.findUniqueOrThrow({ where: { number }, include: { requester: true, entries: true } });
  const mailTo = (address: string) => t.db.outboxMessage.count({ where: { toAddress: address } });

  describe("a From: line that does not name one clear address", () => {
    it("files the ticket without mailing anyone, flagged, with the raw header kept for agents", async () => {
      const jones = `jones-${uid()}@example.com`;
      const header = `Mary <mary ann ${jones}>`;
      const r = await ingest(rawMail({ from: header, subject: "Refund please", body: "Where is my refund?" }));
      expect(r).toMatchObject({ state: "STORED", created: true });
      const ticket = await ticketOf(r.ticketNumber!);
      // Not the real-looking address the lenient parser cut it to, and no mail to it or to the placeholder.
      expect(ticket.requester.email).toMatch(/^unclear-[0-9a-f]{12}@sender-unclear\.invalid$/);
      expect(await mailTo(jones)).toBe(0);
      expect(await mailTo(ticket.requester.email)).toBe(0);
      expect(ticket.requester.name).toBe("Mary");
      expect(ticket.entries.map((e) => e.body)).toEqual(["Where is my refund?"]);
      const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: r.inboundId } });
      expect(row).toMatchObject({ senderUnclear: true, rawFrom: header, ticketId: ticket.id });
      // What the ticket page shows agents: the From: line as it came.
      expect(await mailNoticesForTicket(t.db, ticket.id)).toMatchObject([{ kind: "sender-unclear", detail: header, subject: "Refund please" }]);

      // An agent's reply is not mailed to the placeholder either.
      const entry = await t.db.threadEntry.create({ data: { ticketId: ticket.id, kind: "REPLY", body: "We are looking into it." } });
      await t.db.$transaction((tx) => enqueueTicketMail(tx, { type: "replied", ticketId: ticket.id, entryId: entry.id }));
      expect(await t.db.outboxMessage.count({ where: { ticketId: ticket.id } })).toBe(await t.db.outboxMessage.count({ where: { ticketId: ticket.id, toAddress: { not: ticket.requester.email } } }));
      expect(await mailTo(ticket.requester.email)).toBe(0);
    });

    it("still answers a clear sender (the control), and threads the same unclear line's next mail", async () => {
      const ann = `ann-${uid()}@example.com`;
      await ingest(rawMail({ from: `Ann <${ann}>`, subject: "Clear sender", body: "Hello" }));
      expect(await mailTo(ann)).toBe(1);

      const header = `"bank@paypal.example" <evil-${uid()}@example.net>`;
      const first = await ingest(rawMail({ from: header, subject: "Verify your account", body: "Click." }));
      const second = await ingest(rawMail({ from: header, subject: `Re: [#${first.ticketNumber}] Verify your account`, body: "Again." }));
      expect(second).toMatchObject({ state: "STORED", created: false, ticketNumber: first.ticketNumber });
    });

    it("files several From: addresses without a Sender: as unclear, and with one as that sender", async () => {
      const [a, b] = [`a-${uid()}@example.com`, `b-${uid()}@example.com`];
      const unclear = await ingest(rawMail({ from: `${a}, ${b}`, subject: "Two of us", body: "Hi" }));
      expect((await ticketOf(unclear.ticketNumber!)).requester.email).toMatch(/@sender-unclear\.invalid$/);
      const named = await ingest(rawMail({ from: `${a}, ${b}`, subject: "Two of us", body: "Hi", headers: { Sender: b } }));
      expect((await ticketOf(named.ticketNumber!)).requester.email).toBe(b);
    });
  });

  describe("a Message-ID used by two different messages", () => {
    it("keeps the second as its own ticket, flagged, and dedupes only exact redeliveries", async () => {
      const messageId = `<${uid()}@reused.example>`;
      const [ann, bob] = [`ann-${uid()}@example.com`, `bob-${uid()}@example.com`];
      const first = rawMail({ from: ann, subject: "Ann's question", body: "Mine.", messageId });
      const second = rawMail({ from: bob, subject: "Bob's question", body: "Not Ann's.", messageId });
      const a = await ingest(first);
      const b = await ingest(second);
      expect(b).toMatchObject({ state: "STORED", created: true });
      expect(b.ticketNumber).not.toBe(a.ticketNumber);
      const bobTicket = await ticketOf(b.ticketNumber!);
      expect(bobTicket).toMatchObject({ subject: "Bob's question", requester: { email: bob } });
      expect(await t.db.inboundMessage.findUniqueOrThrow({ where: { id: b.inboundId } })).toMatchObject({ reusedMessageId: true, fromEmail: bob });
      expect(await mailNoticesForTicket(t.db, bobTicket.id)).toMatchObject([{ kind: "reused-message-id" }]);
      expect(await mailNoticesForTicket(t.db, (await ticketOf(a.ticketNumber!)).id)).toEqual([]);
      expect((await ticketOf(a.ticketNumber!)).entries).toHaveLength(1);

      // Each exact redelivery is a duplicate, answered with its own sender's number only.
      expect(await ingest(second)).toMatchObject({ state: "DUPLICATE", ticketNumber: b.ticketNumber });
      expect(await ingest(first)).toMatchObject({ state: "DUPLICATE", ticketNumber: a.ticketNumber });
      expect(await t.db.ticket.count({ where: { requester: { email: { in: [ann, bob] } } } })).toBe(2);
    });

    it("never answers one sender with another's ticket number through the API pipe", async () => {
      const key = `hd_${crypto.randomBytes(24).toString("base64url")}`;
      await t.db.apiKey.create({ data: { label: `Pipe ${uid()}`, keyHash: hashApiKey(key), prefix: key.slice(0, 8), scopes: "mail:pipe", allowedIps: "" } });
      const pipe = async (raw: Buffer) => {
        const res = await handlePipedMail(t.db, new Request("http://localhost/api/tickets.email", { method: "POST", body: new Uint8Array(raw), headers: { "X-API-Key": key } }), "127.0.0.1");
        return [res.status, (await res.text()).trim()] as const;
      };
      const messageId = `<${uid()}@reused.example>`;
      const [status1, first] = await pipe(rawMail({ from: `carol-${uid()}@example.com`, subject: "Carol", body: "One", messageId }));
      const dave = `dave-${uid()}@example.com`;
      const [status2, second] = await pipe(rawMail({ from: dave, subject: "Dave", body: "Two", messageId }));
      expect([status1, status2]).toEqual([201, 201]);
      expect(second).not.toBe(first);
      expect((await ticketOf(second)).requester.email).toBe(dave);
    });
  });

  describe("bounces", () => {
    const dsn = (opts: { from: string; original: string[] }) => {
      const b = `dsn-${uid()}`;
      return crlf([`From: ${opts.from}`, "To: support@example.com", "Subject: Undelivered Mail Returned to Sender", `Message-ID: <${uid()}@mx.example>`, "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`, "", `--${b}`, "Content-Type: text/plain; charset=utf-8", "", "Your message could not be delivered: mailbox full.", `--${b}`,
        "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example", "", "Final-Recipient: rfc822; gone@example.com", "Action: failed", "Status: 5.2.2", `--${b}`,
        "Content-Type: text/rfc822-headers", "", ...opts.original, `--${b}--`, ""]);
    };

    it("stores a delivery report linked to the ticket whose mail it returns, opening nothing and answering nobody", async () => {
      const requester = `gone-${uid()}@example.com`;
      const opened = await ingest(rawMail({ from: requester, subject: "Printer", body: "Broken" }));
      const ticket = await ticketOf(opened.ticketNumber!);
      const sent = await t.db.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, toAddress: requester } });
      const sentId = JSON.parse(sent.headers)["Message-ID"] as string;
      const tickets = await t.db.ticket.count();
      const outbox = await t.db.outboxMessage.count();

      const bounce = await ingest(dsn({ from: "Mail Delivery System <MAILER-DAEMON>", original: ["From: support@example.com", `To: ${requester}`, "Subject: We got your message", `Message-ID: ${sentId}`] }));
      expect(bounce).toMatchObject({ state: "BOUNCE", created: false, ticketNumber: ticket.number });
      const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: bounce.inboundId } });
      expect(row).toMatchObject({ state: "BOUNCE", ticketId: ticket.id, fromEmail: "mailer-daemon" });
      expect(row.raw).toContain("mailbox full");
      expect(row.error).toMatch(/Delivery failure report: .*mailbox full/);
      expect([await t.db.ticket.count(), await t.db.outboxMessage.count()]).toEqual([tickets, outbox]);
      expect((await ticketOf(ticket.number)).entries).toHaveLength(1);
      expect(await mailNoticesForTicket(t.db, ticket.id)).toMatchObject([{ kind: "bounce", detail: expect.stringContaining("mailbox full") }]);
    });

    it("links by the ticket number in the returned subject, and keeps a report about no ticket of ours", async () => {
      const opened = await ingest(rawMail({ from: `x-${uid()}@example.com`, subject: "VPN", body: "Down" }));
      const byNumber = await ingest(dsn({ from: `postmaster@mx-${uid()}.example`, original: [`Subject: Re: [#${opened.ticketNumber}] VPN`, `Message-ID: <${uid()}@elsewhere.example>`] }));
      expect(byNumber).toMatchObject({ state: "BOUNCE", ticketNumber: opened.ticketNumber });
      const stray = await ingest(dsn({ from: `MAILER-DAEMON@mx-${uid()}.example`, original: ["Subject: Something else", `Message-ID: <${uid()}@elsewhere.example>`] }));
      expect(stray).toMatchObject({ state: "BOUNCE", ticketNumber: null });
      expect((await t.db.inboundMessage.findUniqueOrThrow({ where: { id: stray.inboundId } })).error).toMatch(/no ticket of ours/);
    });
  });

  it("accepts an address on a single-label domain", async () => {
    const local = `root-${uid()}@localhost`;
    const r = await ingest(rawMail({ from: `Cron Daemon <${local}>`, subject: "Backup report", body: "Backup done." }));
    expect(r).toMatchObject({ state: "STORED", created: true });
    expect((await ticketOf(r.ticketNumber!)).requester.email).toBe(local);
  });

  it("stores a header with a NUL byte and invalid UTF-8 the same way on both databases", async () => {
    const from = `nul-${uid()}@example.com`;
    const raw = Buffer.concat([Buffer.from(`From: Ren\u00e9 <${from}>\r\nSubject: Broken`, "latin1"), Buffer.from([0x00, 0xff, 0xfe]), Buffer.from(` header\r\nMessage-ID: <${uid()}@x.example>\r\n\r\nBody text\r\n`)]);
    const r = await ingest(raw);
    expect(r, r.detail).toMatchObject({ state: "STORED", created: true });
    const ticket = await ticketOf(r.ticketNumber!);
    expect(ticket.subject).toMatch(/^Broken.* header$/);
    expect(ticket.subject).not.toContain("\u0000");
    expect(ticket.requester.email).toBe(from);
  });

  it("stores Shift_JIS headers, file names and body sent with no charset declared, readable", async () => {
    const sj = (text: string) => iconv.encode(text, "shift_jis");
    const b = `b-${uid()}`;
    const from = `yamada-${uid()}@example.jp`;
    const raw = Buffer.concat([
      Buffer.from("From: "), sj("山田太郎"), Buffer.from(` <${from}>\r\nSubject: `), sj("プリンターが壊れました"), Buffer.from(`\r\nMessage-ID: <${uid()}@x.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
      sj("至急対応してください。"), Buffer.from(`\r\n--${b}\r\nContent-Type: text/plain; name="`), sj("ログ.txt"), Buffer.from(`"\r\nContent-Disposition: attachment; filename="`), sj("ログ.txt"), Buffer.from(`"\r\n\r\nline 1\r\n--${b}--\r\n`),
    ]);
    const r = await ingest(raw);
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: r.ticketNumber! }, include: { requester: true, entries: { include: { attachments: true } } } });
    expect(ticket).toMatchObject({ subject: "プリンターが壊れました", requester: { name: "山田太郎", email: from } });
    expect(ticket.entries[0].body).toBe("至急対応してください。");
    expect(ticket.entries[0].attachments.map((a) => a.fileName)).toEqual(["ログ.txt"]);
  });

  it("stores an inline image with its Content-ID, for the original email's cid: links", async () => {
    const b = `b-${uid()}`;
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const raw = crlf([`From: inline-${uid()}@example.com`, "Subject: Screenshot", `Message-ID: <${uid()}@x.example>`, "MIME-Version: 1.0", `Content-Type: multipart/related; boundary="${b}"`, "",
      `--${b}`, "Content-Type: text/html; charset=utf-8", "", '<p>See the error:</p><img src="cid:image001.png@01D9AB12.34CD5670" alt="error">', `--${b}`,
      'Content-Type: image/png; name="image001.png"', "Content-Transfer-Encoding: base64", "Content-ID: <image001.png@01D9AB12.34CD5670>", 'Content-Disposition: inline; filename="image001.png"', "", png.toString("base64"), `--${b}--`, ""]);
    const r = await ingest(raw);
    const entry = await t.db.threadEntry.findFirstOrThrow({ where: { ticket: { number: r.ticketNumber! } }, include: { attachments: true } });
    expect(entry.attachments.map((a) => [a.fileName, a.contentId])).toEqual([["image001.png", "image001.png@01D9AB12.34CD5670"]]);
    expect(entry.bodyHtml).toContain('src="cid:image001.png@01D9AB12.34CD5670"');
    // The original email view gets the image itself, from storage, in place of the cid: link.
    const images = await inlineImagesForEntries(t.db, [entry]);
    expect(resolveCidLinks(entry.bodyHtml!, images.get(entry.id) ?? [])).toContain(`<img src="data:image/png;base64,${png.toString("base64")}" alt="error" />`.replace(" />", ""));
  });

  it("takes the HTML's text when the text part is a stub, and text after </html>", async () => {
    const b = `b-${uid()}`;
    const raw = crlf([`From: news-${uid()}@example.com`, "Subject: Newsletter", `Message-ID: <${uid()}@x.example>`, "MIME-Version: 1.0", `Content-Type: multipart/alternative; boundary="${b}"`, "",
      `--${b}`, "Content-Type: text/plain; charset=utf-8", "", "To view this message, open it in a mail program that shows HTML.", `--${b}`, "Content-Type: text/html; charset=utf-8", "",
      "<html><body><p>Our offices are closed on Friday for maintenance of the heating system.</p></body></html>", "Unsubscribe by replying STOP to this message.", `--${b}--`, ""]);
    const r = await ingest(raw);
    const [entry] = (await ticketOf(r.ticketNumber!)).entries;
    expect(entry.body).toContain("Our offices are closed on Friday");
    expect(entry.body).toContain("Unsubscribe by replying STOP");
    expect(entry.body).not.toContain("To view this message");
  });

  describe("a message whose processing keeps failing", () => {
    // A stand-in for a database that refuses this message's writes (as PostgreSQL refused NUL bytes):
    // real triggers that fail the ticket's write and the write of the failure itself.
    beforeAll(async () => {
      if (kind === "sqlite") {
        await t.db.$executeRaw`CREATE TRIGGER forced_entry_failure BEFORE INSERT ON "ThreadEntry" WHEN NEW."body" LIKE '%FORCED-FAILURE%' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`;
        await t.db.$executeRaw`CREATE TRIGGER forced_inbound_failure BEFORE UPDATE ON "InboundMessage" WHEN NEW."raw" LIKE '%FORCED-FAILURE%' AND NEW."error" IS NOT OLD."error" BEGIN SELECT RAISE(ABORT, 'forced failure'); END`;
      } else {
        await t.db.$executeRaw`CREATE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$`;
        await t.db.$executeRaw`CREATE TRIGGER forced_entry_failure BEFORE INSERT ON "ThreadEntry" FOR EACH ROW WHEN (NEW."body" LIKE '%FORCED-FAILURE%') EXECUTE FUNCTION forced_failure()`;
        await t.db.$executeRaw`CREATE TRIGGER forced_inbound_failure BEFORE UPDATE ON "InboundMessage" FOR EACH ROW WHEN (NEW."raw" LIKE '%FORCED-FAILURE%' AND NEW."error" IS DISTINCT FROM OLD."error") EXECUTE FUNCTION forced_failure()`;
      }
    });
    it(`is given up after ${MAX_ATTEMPTS} attempts: quarantined with its raw copy, never retried forever, never lost`, async () => {
      const raw = rawMail({ from: `fail-${uid()}@example.com`, subject: "Will fail", body: "FORCED-FAILURE in the body" });
      for (let i = 1; i < MAX_ATTEMPTS; i++) await expect(ingest(raw)).rejects.toThrow();
      const last = await ingest(raw);
      expect(last).toMatchObject({ state: "QUARANTINED", ticketNumber: null });
      expect(last.detail).toMatch(new RegExp(`Given up after ${MAX_ATTEMPTS} failed attempts`));
      // Later deliveries (an IMAP poll finding it unread) do not process it again.
      expect(await ingest(raw)).toMatchObject({ state: "QUARANTINED", inboundId: last.inboundId });
      const rows = await t.db.inboundMessage.findMany({ where: { raw: { contains: "Will fail" } } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: "QUARANTINED", attempts: MAX_ATTEMPTS });
      expect(decodeRaw(rows[0].raw!).equals(raw)).toBe(true);
      expect(await t.db.threadEntry.count({ where: { body: { contains: "FORCED-FAILURE" } } })).toBe(0);
    });

    it("keeps the raw copy from the first failed attempt, and an admin's retry files it once the cause is gone", async () => {
      const raw = rawMail({ from: `once-${uid()}@example.com`, subject: "Fails once", body: "FORCED-FAILURE but recordable" });
      await expect(ingest(raw)).rejects.toThrow();
      if (kind === "sqlite") {
        await t.db.$executeRaw`DROP TRIGGER forced_entry_failure`;
        await t.db.$executeRaw`DROP TRIGGER forced_inbound_failure`;
      } else {
        await t.db.$executeRaw`DROP TRIGGER forced_entry_failure ON "ThreadEntry"`;
        await t.db.$executeRaw`DROP TRIGGER forced_inbound_failure ON "InboundMessage"`;
      }
      const row = await t.db.inboundMessage.findFirstOrThrow({ where: { raw: { contains: "FORCED-FAILURE but recordable" } } });
      expect(row).toMatchObject({ state: "QUARANTINED", attempts: 1 });
      const retried = await retryQuarantined(t.db, row.id);
      expect(retried).toMatchObject({ state: "STORED", created: true, inboundId: row.id });
      expect(await t.db.inboundMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: "STORED", raw: null, error: null, attempts: 2 });
      // The given-up message of the test before is filed by the admin's retry too.
      const givenUp = await t.db.inboundMessage.findFirstOrThrow({ where: { state: "QUARANTINED", raw: { contains: "Will fail" } } });
      expect(await retryQuarantined(t.db, givenUp.id)).toMatchObject({ state: "STORED", created: true });
    });
  });
});
