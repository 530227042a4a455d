// Delivery failure reports (bounces). A bounce is a mail server telling us that mail we sent did
// not arrive: it is not a requester's message, so it never opens a ticket and is never answered.
// It is kept (raw) and linked to the ticket whose mail it returns, found through the returned
// message's Message-ID or subject inside the report.
import { simpleParser, type Attachment } from "mailparser";
import { messageIdsIn } from "./ticket-ref";

const MACHINE_LOCAL = /^(mailer-daemon|postmaster)$/i;
const RETURNED_TYPES = new Set(["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"]);

/** A DSN (RFC 3464: multipart/report; report-type=delivery-status), or mail from a mail server's own account. */
export function isBounce(fromEmail: string | null, contentType: string, params: Record<string, string>): boolean {
  if (/^multipart\/report$/i.test(contentType.trim()) && /^delivery-status$/i.test(params["report-type"]?.trim() ?? "")) return true;
  const local = fromEmail?.split("@")[0] ?? "";
  return MACHINE_LOCAL.test(local);
}

function headerBlock(content: Buffer): Buffer {
  const text = content.subarray(0, Math.min(content.length, 200_000));
  const crlf = text.indexOf("\r\n\r\n");
  const lf = text.indexOf("\n\n");
  const end = [crlf, lf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return end === undefined ? text : text.subarray(0, end + 1);
}

/** Message-IDs (own, In-Reply-To, References) and subjects of the message a bounce returns. */
export async function bounceReferences(attachments: Attachment[], text: string): Promise<{ messageIds: string[]; subjects: string[] }> {
  const messageIds: string[] = [];
  const subjects: string[] = [];
  for (const a of attachments) {
    if (!RETURNED_TYPES.has(a.contentType.toLowerCase())) continue;
    const head = await simpleParser(headerBlock(a.content), { skipHtmlToText: true, skipTextToHtml: true });
    messageIds.push(...messageIdsIn(head.messageId), ...messageIdsIn(head.inReplyTo), ...messageIdsIn(head.references));
    if (head.subject) subjects.push(head.subject);
  }
  // Reports that quote the original's headers in their text instead of as a part.
  for (const m of text.matchAll(/^(?:message-id|in-reply-to|references):[ \t]*(.+)$/gim)) messageIds.push(...messageIdsIn(m[1]));
  for (const m of text.matchAll(/^subject:[ \t]*(.+)$/gim)) subjects.push(m[1].trim());
  return { messageIds: [...new Set(messageIds)].slice(0, 50), subjects: [...new Set(subjects)].slice(0, 10) };
}
