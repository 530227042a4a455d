// A raw RFC 5322 message → what the help desk needs from it. No database; throws only on mail
// that cannot be read at all (the caller quarantines it).
import { simpleParser, type AddressObject, type Attachment } from "mailparser";
import { htmlToPlainText, sanitizeMailHtml } from "@/lib/mail/html";
import { autoReplyReason } from "./auto-reply";
import { decodeUtf7, normaliseAddress, rawHeader, repairEightBitHeaders } from "./raw-repair";
import { messageIdsIn } from "./ticket-ref";

export type InboundAttachment = { fileName: string; contentType: string; content: Buffer; contentId: string | null };

export type ParsedInbound = {
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the likeliest match comes first. */
  referencedIds: string[];
  fromEmail: string | null;
  fromName: string;
  to: string[];
  cc: string[];
  subject: string;
  /** Plain text: the text part, or the HTML converted when there is no text. */
  text: string;
  /** The HTML part, sanitised; null when there is none. */
  html: string | null;
  attachments: InboundAttachment[];
  /** Why this is machine-written (never auto-answered), or null. */
  autoReply: string | null;
};

/** Signature and encryption envelopes are not files anyone wants in the ticket. */
const SKIPPED_TYPES = new Set(["application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-encrypted"]);

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg", "image/jpg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
  "application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html", "text/csv": ".csv", "message/rfc822": ".eml",
  "message/delivery-status": ".txt", "text/rfc822-headers": ".txt", "video/quicktime": ".mov",
};

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.flatMap((v) => (v.group ?? [v]))).filter((v) => v.address).map((v) => ({ address: v.address!, name: v.name ?? "" }));
}

async function embeddedSubject(embedded: Buffer): Promise<string> {
  const content = repairEightBitHeaders(embedded);
  const end = content.indexOf("\n\n") === -1 ? content.indexOf("\r\n\r\n") : content.indexOf("\n\n");
  const headers = content.subarray(0, end === -1 ? Math.min(content.length, 20_000) : end + 1);
  const subject = (await simpleParser(headers, { skipHtmlToText: true, skipTextToHtml: true })).subject?.trim();
  return subject ? subject.replace(/[\\/]/g, " ").slice(0, 150) : "";
}

/** A name for every attachment: its own, else the Content-ID's ("image001.jpg@01D…"), else by type. */
export async function attachmentName(a: { filename?: string; contentType: string; cid?: string; content: Buffer }, index: number): Promise<string> {
  if (a.filename?.trim()) return a.filename.trim();
  const type = a.contentType.toLowerCase();
  if (type === "message/rfc822") return `${(await embeddedSubject(a.content)) || "message"}.eml`;
  if (type === "message/delivery-status") return "delivery-status.txt";
  const ext = EXTENSIONS[type] ?? "";
  const fromCid = a.cid?.split("@")[0];
  if (fromCid && /\.[a-z0-9]{2,5}$/i.test(fromCid)) return fromCid;
  return `attachment-${index + 1}${ext}`;
}

async function bodyAttachments(list: Attachment[]): Promise<InboundAttachment[]> {
  const kept = list.filter((a) => !SKIPPED_TYPES.has(a.contentType.toLowerCase()) && a.content.length > 0);
  return Promise.all(kept.map(async (a, i) => ({ fileName: await attachmentName(a, i), contentType: a.contentType, content: a.content, contentId: a.cid ?? null })));
}

export async function parseInbound(rawInput: Buffer): Promise<ParsedInbound> {
  const raw = repairEightBitHeaders(rawInput);
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  // Raw header values: the auto-reply rules compare header tokens, not decoded display text.
  const header = (name: string) => (name === "subject" ? (mail.subject ?? "") : rawHeader(raw, name) || (mail.headers.has(name) ? "" : undefined));
  // No From: (spam, some scripts): the address a reply would go to is the next best sender.
  const sender = addresses(mail.from)[0] ?? addresses(mail.replyTo)[0] ?? addresses(mail.headers.get("sender") as AddressObject | undefined)[0] ?? null;
  const fromEmail = sender ? normaliseAddress(sender.address) : null;

  let subject = mail.subject ?? "";
  // Parsers know no UTF-7 ("unicode-1-1-utf-7" in old Exchange notices); decode it ourselves.
  if (/=\?(unicode-1-1-)?utf-7\?/i.test(rawHeader(raw, "subject"))) subject = decodeUtf7(subject);
  subject = subject.replace(/\s+/g, " ").trim();

  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  let text = (mail.text ?? "").trim();
  if (!text && html) text = htmlToPlainText(html);

  const contentType = (mail.headers.get("content-type") as { value?: string } | undefined)?.value ?? "text/plain";
  return {
    messageId: mail.messageId && /^<[^<>\s]+>$/.test(mail.messageId) ? mail.messageId : null,
    referencedIds: [...new Set([...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()])],
    fromEmail,
    fromName: sender?.name ?? "",
    to: addresses(mail.to).map((a) => normaliseAddress(a.address)),
    cc: addresses(mail.cc).map((a) => normaliseAddress(a.address)),
    subject,
    text,
    html: html ? sanitizeMailHtml(html) : null,
    attachments: await bodyAttachments(mail.attachments),
    autoReply: autoReplyReason(header, fromEmail, contentType),
  };
}
