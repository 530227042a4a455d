// Every message of the shared mail corpus (54 real mails from Zammad's parser tests) through the
// inbound pipeline into a real database: each becomes a ticket or is quarantined, never lost, with
// the sender, subject, body text and attachments the corpus expects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_TYPES } from "@/lib/settings/schema";
import { saveSettings } from "@/lib/settings/store";
import { decodeRaw, ingestMessage } from "@/lib/mail/inbound/ingest";
import { parseInbound } from "@/lib/mail/inbound/parse";
import { cleanFileName } from "@/lib/tickets/text";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic } from "./factories";
import { needTool } from "./tools";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-corpus-files-"));

// ../shared/mail-corpus beside the clone (scripts/test-prerequisites.cjs); a missing corpus fails
// the file unless the run leaves it out (TEST_WITHOUT=mail-corpus).
const corpus = needTool("mail-corpus");
const corpusDir = corpus.path;

type ExpectedAttachment = { filename: string; content_type: string | null; size?: number; sha256?: string; bytes_match_standard_decode?: boolean; zammad_original_html_alternative?: boolean };
type Expected = { id: string; from_email?: string | null; subject?: string | null; body_text_contains?: string[]; attachments?: ExpectedAttachment[]; zammad_quirks?: string[] };
type Sample = { id: string; message: string; expected: string };

const samples: Sample[] = corpusDir ? JSON.parse(fs.readFileSync(path.join(corpusDir, "manifest.json"), "utf8")).samples : [];

/** The corpus README's normalisation: every run of whitespace (with NBSP, ZWSP, BOM) is one space. */
const collapse = (s: string) => s.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();

/**
 * Where we differ from Zammad's recorded answer on purpose. Each entry says why.
 */
const OVERRIDES: Record<string, { fromEmail?: string; subject?: string; quarantined?: string; bounce?: true; senderUnclear?: RegExp; attachmentNames?: Record<string, string | null>; refused?: string[] }> = {
  // Delivery failure reports (multipart/report; report-type=delivery-status, or from the mail
  // server's own postmaster/MAILER-DAEMON): Zammad opens tickets for them; we keep them raw as
  // bounces, linked to the ticket they are about, and never open a ticket or answer them.
  mail018: { bounce: true, subject: "Benachrichtung zum Übermittlungsstatus (Fehlgeschlagen)" },
  mail052: { bounce: true },
  mail078: { bounce: true },
  // Two mailboxes in From: and no Sender: to say which one wrote: Zammad takes the first. We file
  // the ticket under a placeholder that is never mailed, and agents see the From: line as it came.
  mail058: { senderUnclear: /names 2 addresses/ },
  // "Znuny GmbH .pdf" starts with a NUL byte before "%PDF": not what its name says, so the web's
  // content check refuses it, here too (with a note in the body); "Lebenslauf.pdf" is kept.
  mail028: { refused: ["Znuny GmbH .pdf"] },
  // The forwarded mail (.eml) is GB2312, not UTF-8 text: the web's .eml rule refuses it, so does mail.
  mail046: { refused: ["转发：整体提升企业服务水平.eml"] },
  // The delivery-status part is text that mailparser puts in the body, where it is asserted instead;
  // the embedded original is empty (0 bytes), and an empty file is not kept.
  mail092: { bounce: true, attachmentNames: { "Delivery report.txt": null, "Undelivered Message.eml": null } },
  // Two parts share a file name; Zammad numbers the second oddly ("…at 091.00.38.png"). We keep
  // both under their own name (storage keys differ), matched here by content.
  mail102: { attachmentNames: { "Screen Shot 2018-12-17 at 091.00.38.png": "Screen Shot 2018-12-17 at 09.00.38.png" } },
  // (mail018, above) Zammad quirk: it leaves the UTF-7 encoded-word undecoded. Decoded, it reads "Übermittlungsstatus".
  // "Claudia.Shu@yahoo.com." ends in the absolute-DNS dot; the mailbox is the same without it, and
  // only the dotless form is a valid address to answer.
  mail044: { fromEmail: "claudia.shu@yahoo.com" },
  // From: "Millions Lottery Spain transfer"@example.com> is no valid address (Zammad takes it as is).
  // Filed with the sender unclear: a ticket nobody is mailed about, the raw From: shown to agents.
  mail076: { senderUnclear: /not a valid address/ },
  // Unnamed parts: Zammad derives names from Content-IDs without an extension ("32497.1617621278.2");
  // our rule: the Content-ID when it looks like a file name, else "attachment-N.<ext by type>".
  mail062: { attachmentNames: { "video.mov": "attachment-6.mov", "video1.mov": "attachment-7.mov", "document.html": null, "document1.html": null } },
  mail080: { attachmentNames: { "image.jpg": "attachment-1.jpg" } },
  mail100: { attachmentNames: { "32497.1617621278.2": "attachment-2", "image.jpg": "attachment-3.jpg" } },
};

const MB = 1024 * 1024;

describe.each(testDatabaseKinds())("mail corpus through the inbound pipeline on %s", corpus.options, (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db, "Corpus");
    const topic = await helpTopic(t.db, dept.id);
    await saveSettings(t.db, { mailDefaultHelpTopicId: topic.id, mailMaxNewTicketsPerSenderHour: 1000 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  // Left out (no samples): one skipped entry, so the summary lists the corpus with its reason.
  if (!samples.length) it("every message of the corpus", () => {});
  it.each(samples.map((s) => [s.id, s] as const))("%s", async (_id, sample) => {
    const expected: Expected = JSON.parse(fs.readFileSync(path.join(corpusDir!, sample.expected), "utf8"));
    const raw = fs.readFileSync(path.join(corpusDir!, sample.message));
    const override = OVERRIDES[sample.id] ?? {};
    // Zammad's fixtures reuse Message-IDs across different samples (edited copies of one mail), and
    // a second delivery of a Message-ID is, rightly, a duplicate. Each sample is a separate mail here,
    // so forget earlier ones (dedupe itself is tested in test/mail-inbound.test.ts).
    await t.db.inboundMessage.deleteMany();
    await t.db.threadEntry.updateMany({ where: { messageId: { not: null } }, data: { messageId: null } });

    const result = await ingestMessage(t.db, raw, { mailbox: "corpus" });
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id: result.inboundId } });
    if (override.quarantined) {
      expect(result.state).toBe("QUARANTINED");
      expect(row.raw).toBeTruthy();
      expect(row.error).toContain(override.quarantined);
      return;
    }
    if (override.bounce) {
      // Kept raw, never a ticket; what the report says is in the row's detail and the parsed text.
      expect(result).toMatchObject({ state: "BOUNCE", created: false });
      expect(decodeRaw(row.raw!).equals(raw)).toBe(true);
      if (expected.from_email) expect(row.fromEmail).toBe(expected.from_email.toLowerCase());
      const subject = override.subject ?? expected.subject;
      if (subject) expect(collapse(row.subject!)).toBe(collapse(subject));
      const text = collapse((await parseInbound(raw)).text);
      for (const fragment of expected.body_text_contains ?? []) expect(text).toContain(collapse(fragment));
      return;
    }
    expect(result, row.error ?? "").toMatchObject({ state: "STORED", created: true });
    expect(row.senderUnclear).toBe(!!override.senderUnclear);
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: result.ticketNumber! }, include: { requester: true, entries: { include: { attachments: true } } } });
    expect(ticket.source).toBe("EMAIL");
    expect(ticket.entries).toHaveLength(1);
    const entry = ticket.entries[0];

    const fromEmail = override.fromEmail ?? expected.from_email;
    if (override.senderUnclear) {
      expect(ticket.requester.email).toMatch(/@sender-unclear\.invalid$/);
      // Agents see the From: line as it came; it holds the address Zammad took (quotes aside).
      expect(row.rawFrom!.replace(/"/g, "")).toContain(expected.from_email!.replace(/"/g, ""));
      expect((await parseInbound(raw)).senderUnclear).toMatch(override.senderUnclear);
      expect(await t.db.outboxMessage.count({ where: { ticketId: ticket.id, toAddress: ticket.requester.email } })).toBe(0);
    } else if (fromEmail) expect(ticket.requester.email).toBe(fromEmail.toLowerCase());
    const subject = override.subject ?? expected.subject;
    if (subject) expect(collapse(ticket.subject)).toBe(collapse(subject).slice(0, 200));

    const body = collapse(entry.body);
    for (const fragment of expected.body_text_contains ?? []) expect(body).toContain(collapse(fragment));
    if (entry.bodyHtml) expect(entry.bodyHtml).not.toMatch(/<script|<img[^>]+src="https?:|on\w+=/i);

    for (const a of expected.attachments ?? []) {
      if (a.zammad_original_html_alternative) continue; // Zammad's own copy of the HTML part; we keep it as bodyHtml
      const renamed = override.attachmentNames && a.filename in override.attachmentNames ? override.attachmentNames[a.filename] : a.filename;
      if (renamed === null) continue; // documented above
      const name = cleanFileName(renamed);
      const exact = a.bytes_match_standard_decode && a.sha256;
      const stored = entry.attachments.find((s) => s.fileName === name && (!exact || s.sha256 === a.sha256));
      const ext = path.extname(name).toLowerCase();
      const acceptable = DEFAULT_ALLOWED_TYPES.includes(ext) && (a.size ?? 0) <= 10 * MB && !override.refused?.includes(renamed);
      if (acceptable) {
        expect(stored, `${name} stored (body: ${entry.body.slice(-300)})`).toBeTruthy();
      } else {
        // Refused by the attachment settings: dropped with a note in the body, the mail kept.
        expect(stored).toBeUndefined();
        expect(entry.body).toContain("[Attachment not kept:");
        expect(entry.body).toContain(name);
      }
    }
  });
});
