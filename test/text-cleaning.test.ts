// Text that PostgreSQL refuses (a NUL character) or that drivers treat differently (an unpaired
// UTF-16 surrogate, bytes that are not UTF-8) reaches both databases cleaned the same way, through
// the real inbound pipeline: a new ticket, a reply, and the quarantine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-clean-files-"));

const NUL = "\u0000";
const FFFD = "\uFFFD";

/** A mail whose headers and body carry NUL bytes, bytes that are not UTF-8, and (encoded) half an emoji. */
function hostileMail(from: string, subject: Buffer, extra: string[] = []): Buffer {
  // UTF-16LE of "Hi " + a high surrogate with no low one: decodes to a string with a lone surrogate.
  const loneSurrogate = Buffer.from([0x48, 0x00, 0x69, 0x00, 0x20, 0x00, 0x3d, 0xd8]).toString("base64");
  return Buffer.concat([
    Buffer.from(`From: =?utf-16le?B?${loneSurrogate}?= <${from}>\r\nTo: support@example.com\r\nSubject: `),
    subject,
    Buffer.from(`\r\nMessage-ID: <${uid()}@client.example>\r\n${extra.join("\r\n")}${extra.length ? "\r\n" : ""}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`),
    Buffer.from("Line one"), Buffer.from([0x00]), Buffer.from(" and bad bytes "), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(" end.\r\n"),
  ]);
}

describe.each(testDatabaseKinds())("text cleaning on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const topic = await helpTopic(t.db, (await department(t.db)).id);
    await saveSettings(t.db, { mailDefaultHelpTopicId: topic.id });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("files a mail with NUL, non-UTF-8 bytes and a lone surrogate in headers and body as a ticket, then a reply", async () => {
    const from = `nul-${uid()}@example.com`;
    const subject = Buffer.concat([Buffer.from("Printer"), Buffer.from([0x00]), Buffer.from(" broken "), Buffer.from([0xff])]);
    const first = await ingestMessage(t.db, hostileMail(from, subject), { mailbox: "pipe" });
    expect(first).toMatchObject({ state: "STORED", created: true });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: first.ticketNumber! }, include: { requester: true, entries: true } });
    // How odd bytes read is the charset repair's business; that no NUL or half character is stored is this one's.
    expect(ticket.subject).toMatch(/^Printer.? broken/);
    expect(ticket.requester.name).toBe(`Hi ${FFFD}`);
    expect(ticket.entries[0].body).toMatch(/^Line one.? and bad bytes/);
    const stored = JSON.stringify([ticket, await t.db.inboundMessage.findMany({ select: { subject: true, fromEmail: true, error: true } })]);
    expect(stored).not.toContain("\\u0000");
    expect(stored).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);

    const reply = await ingestMessage(t.db, hostileMail(from, Buffer.concat([Buffer.from(`Re: [#${first.ticketNumber}] Printer`), Buffer.from([0x00])])), { mailbox: "pipe" });
    expect(reply).toMatchObject({ state: "STORED", created: false, ticketNumber: first.ticketNumber });
  });

  it("quarantines such a mail when it cannot be filed, instead of failing the quarantine write", async () => {
    // No usable sender: quarantined, with the raw message and the cleaned subject kept.
    const raw = Buffer.concat([Buffer.from(`Subject: no sender`), Buffer.from([0x00, 0xff]), Buffer.from(`\r\nMessage-ID: <${uid()}@q.example>\r\nX-Note: a`), Buffer.from([0x00]), Buffer.from("b\r\n\r\nbody"), Buffer.from([0x00]), Buffer.from("\r\n")]);
    const result = await ingestMessage(t.db, raw, { mailbox: "pipe" });
    expect(result.state).toBe("QUARANTINED");
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: result.inboundId } });
    expect(row.subject).toMatch(/^no sender/);
    expect(row.subject).not.toContain(NUL);
    expect(row.raw).toMatch(/^base64,/); // the raw bytes are kept exactly, for the retry
  });

  it("finds a stored row again by a key that carried a NUL (reads are cleaned like writes)", async () => {
    const key = `k${NUL}${uid()}`;
    await t.db.setting.create({ data: { key, value: `"v${NUL}"` } });
    const found = await t.db.setting.findUniqueOrThrow({ where: { key } });
    expect(found.key).toBe(key.replace(NUL, FFFD));
    expect(found.value).toBe(`"v${FFFD}"`);
  });
});
