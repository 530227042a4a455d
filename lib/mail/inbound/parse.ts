// A raw RFC 5322 message → what the help desk needs from it. No database; throws only on mail
// that cannot be read at all (the caller quarantines it).
import { simpleParser, type AddressObject, type Attachment } from "mailparser";
import { htmlToPlainText, sanitizeMailHtml } from "@/lib/mail/html";
import { autoReplyReason } from "./auto-reply";
import { bounceReferences, isBounce } from "./bounce";
import { richerBody } from "./body";
import { decodeUtf7, normaliseAddress, rawHeader, repairEightBitHeaders } from "./raw-repair";
import { senderFromHeader } from "./sender";
import { messageIdsIn } from "./ticket-ref";

export type InboundAttachment = { fileName: string; contentType: string; content: Buffer; contentId: string | null };

export type ParsedInbound = {
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the likeliest match comes first. */
  referencedIds: string[];
  /** The address to file under; a placeholder that is never mailed when the sender is unclear (sender.ts). */
  fromEmail: string | null;
  fromName: string;
  /** Why the From: line does not name one clear address, or null. */
  senderUnclear: string | null;
  /** The From: header as it came (unfolded, charset repaired); "" when there is none. */
  rawFrom: string;
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
  /** A delivery failure report: never a ticket, linked to the ticket it is about (bounce.ts). */
  bounce: boolean;
  /** Message-IDs and subjects of the original message a bounce returns, to find its ticket. */
  bounceRefs: { messageIds: string[]; subjects: string[] };
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

/** A header's value as text: the repaired header block is UTF-8, rawHeader reads bytes as latin1. */
function headerText(raw: Buffer, name: string): string {
  return Buffer.from(rawHeader(raw, name), "latin1").toString("utf8");
}

export async function parseInbound(rawInput: Buffer): Promise<ParsedInbound> {
  const raw = repairEightBitHeaders(rawInput);
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  // Raw header values: the auto-reply rules compare header tokens, not decoded display text.
  const header = (name: string) => (name === "subject" ? (mail.subject ?? "") : rawHeader(raw, name) || (mail.headers.has(name) ? "" : undefined));
  // No From: (spam, some scripts): the address a reply would go to is the next best sender.
  const rawFrom = headerText(raw, "from");
  const sender = rawFrom
    ? senderFromHeader(rawFrom, headerText(raw, "sender"), addresses(mail.from))
    : headerText(raw, "reply-to")
      ? senderFromHeader(headerText(raw, "reply-to"), "", addresses(mail.replyTo))
      : headerText(raw, "sender")
        ? senderFromHeader(headerText(raw, "sender"), "", addresses(mail.headers.get("sender") as AddressObject | undefined))
        : null;
  const fromEmail = sender?.email ?? null;

  let subject = mail.subject ?? "";
  // Parsers know no UTF-7 ("unicode-1-1-utf-7" in old Exchange notices); decode it ourselves.
  if (/=\?(unicode-1-1-)?utf-7\?/i.test(rawHeader(raw, "subject"))) subject = decodeUtf7(subject);
  subject = subject.replace(/\s+/g, " ").trim();

  const html = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  const text = richerBody((mail.text ?? "").trim(), html ? htmlToPlainText(html) : "");

  const contentType = (mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined) ?? { value: "text/plain" };
  const attachments = await bodyAttachments(mail.attachments);
  const bounce = isBounce(fromEmail, contentType.value ?? "text/plain", contentType.params ?? {});
  return {
    messageId: mail.messageId && /^<[^<>\s]+>$/.test(mail.messageId) ? mail.messageId : null,
    referencedIds: [...new Set([...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()])],
    fromEmail,
    fromName: sender?.name ?? "",
    senderUnclear: sender?.unclear ?? null,
    rawFrom,
    to: addresses(mail.to).map((a) => normaliseAddress(a.address)),
    cc: addresses(mail.cc).map((a) => normaliseAddress(a.address)),
    subject,
    text,
    html: html ? sanitizeMailHtml(html) : null,
    attachments,
    autoReply: autoReplyReason(header, fromEmail, contentType.value ?? "text/plain"),
    bounce,
    bounceRefs: bounce ? await bounceReferences(mail.attachments, text) : { messageIds: [], subjects: [] },
  };
}
