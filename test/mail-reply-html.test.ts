// A requester's reply by mail keeps its HTML part, sanitised, beside the trimmed text (as a mail
// that opens a ticket already does). The thread shows the text; the HTML is never stored raw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

function htmlMail(from: string, subject: string, text: string, html: string): Buffer {
  const b = `alt-${uid()}`;
  return Buffer.from(
    [`From: ${from}`, "To: support@example.com", `Subject: ${subject}`, `Message-ID: <${uid()}@client.example>`, "MIME-Version: 1.0", `Content-Type: multipart/alternative; boundary="${b}"`, "",
      `--${b}`, "Content-Type: text/plain; charset=utf-8", "", text, `--${b}`, "Content-Type: text/html; charset=utf-8", "", html, `--${b}--`, ""].join("\r\n"),
  );
}

describe.each(testDatabaseKinds())("HTML of mail replies on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const topicId = (await helpTopic(t.db, (await department(t.db)).id)).id;
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("stores the sanitised HTML of a requester's reply beside the trimmed text", async () => {
    const ken = `ken-${uid()}@example.com`;
    const first = await ingestMessage(t.db, rawMail({ from: ken, subject: "Printer", body: "Jammed." }), { mailbox: "test" });
    const html = `<div><b>Fixed</b> it.<script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(2)">x</a></div><blockquote>On Mon, Help wrote: old</blockquote>`;
    const reply = await ingestMessage(t.db, htmlMail(ken, `Re: [#${first.ticketNumber}] Printer`, "Fixed it.\n\nOn Mon, 3 Feb 2025, Help <help@example.com> wrote:\n> old", html), { mailbox: "test" });
    expect(reply).toMatchObject({ state: "STORED", created: false, ticketNumber: first.ticketNumber });
    const entry = await t.db.threadEntry.findFirstOrThrow({ where: { ticket: { number: first.ticketNumber! } }, orderBy: { id: "desc" } });
    expect(entry.body).toBe("Fixed it.");
    expect(entry.bodyHtml).toContain("<b>Fixed</b> it.");
    expect(entry.bodyHtml).not.toMatch(/script|tracker\.example|javascript:/);
  });
});
