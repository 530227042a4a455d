import "server-only";
// Inbound mail → a ticket or a reply. Every message seen leaves an InboundMessage row, so nothing is
// lost: STORED (with its ticket), DUPLICATE (a redelivery; changes nothing), IGNORED (mail-loop
// guard) or QUARANTINED (kept raw with the error, for an admin to inspect and retry).
// Mail never grants access: whoever the From: line names, the message is a requester's message,
// unless it is proven to be an agent's answer to one of our alerts (a reply token we issued, from
// that agent's address, within their permissions: staff-reply.ts).
import crypto from "node:crypto";
import { withStoredFiles } from "@/lib/attachments/storage";
import { AppError, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { openTicket, postRequesterMessage } from "@/lib/tickets/requester-service";
import { isOpenKind, requesterMayReopen, type StatusKind } from "@/lib/tickets/workflow";
import { mailDomain } from "@/lib/mail/domain";
import { checkMailAttachments } from "./attachments";
import { mailBody, requesterName, ticketSubject } from "./compose";
import { parseInbound, type ParsedInbound } from "./parse";
import { trimQuotedReply } from "./quote-trim";
import { rawHeader } from "./raw-repair";
import { postStaffMail, provenStaffMail, type StaffMail } from "./staff-reply";
import { messageIdsIn, ticketNumberFromMessageId, ticketNumbersInSubject } from "./ticket-ref";

export type IngestOptions = {
  /** Where the mail came from: "pipe", or an IMAP mailbox's name. Recorded on the InboundMessage. */
  mailbox: string;
  /** The help topic for new tickets from this mailbox; else from settings. */
  helpTopicId?: number;
};

export type IngestResult = {
  state: "STORED" | "DUPLICATE" | "QUARANTINED" | "IGNORED";
  inboundId: number;
  ticketNumber: string | null;
  /** true when the mail opened a new ticket, false for a reply (or nothing stored). */
  created: boolean;
  detail?: string;
};

const HOUR = 3_600_000;

/** Message-ID when the message has a usable one, else the SHA-256 of the raw bytes. */
export function dedupeKeyFor(raw: Buffer): string {
  const id = messageIdsIn(rawHeader(raw, "message-id"))[0];
  if (id && id.length <= 300) return id;
  return `sha256:${crypto.createHash("sha256").update(raw).digest("hex")}`;
}

/** Raw mail in a text column: as is when it is UTF-8 text, else base64 behind a marker no header can start with. */
export function encodeRaw(raw: Buffer): string {
  const text = raw.toString("utf8");
  return !raw.includes(0) && Buffer.from(text, "utf8").equals(raw) ? text : `base64,${raw.toString("base64")}`;
}

export function decodeRaw(stored: string): Buffer {
  return stored.startsWith("base64,") ? Buffer.from(stored.slice(7), "base64") : Buffer.from(stored, "utf8");
}

export async function ingestMessage(db: Db, raw: Buffer, options: IngestOptions): Promise<IngestResult> {
  const key = dedupeKeyFor(raw);
  const existing = await db.inboundMessage.findUnique({ where: { dedupeKey: key } });
  // A redelivery of a quarantined message is another try; of anything else, a duplicate.
  if (existing && existing.state !== "QUARANTINED") return recordDuplicate(db, key, options.mailbox, existing.ticketId);
  return processMessage(db, raw, key, options, existing?.id ?? null);
}

/** An admin's retry of a quarantined message (after fixing what made it fail). */
export async function retryQuarantined(db: Db, id: number): Promise<IngestResult> {
  const row = await db.inboundMessage.findUnique({ where: { id } });
  if (!row || row.state !== "QUARANTINED" || !row.raw) throw notFound("quarantined message");
  // Mail from an IMAP mailbox is filed under that mailbox's topic again, as on its first try.
  const mailbox = await db.imapMailbox.findUnique({ where: { name: row.mailbox }, select: { helpTopicId: true } });
  return processMessage(db, decodeRaw(row.raw), row.dedupeKey, { mailbox: row.mailbox, helpTopicId: mailbox?.helpTopicId ?? undefined }, row.id);
}

async function recordDuplicate(db: Db, key: string, mailbox: string, ticketId: number | null): Promise<IngestResult> {
  const ticket = ticketId ? await db.ticket.findUnique({ where: { id: ticketId }, select: { number: true } }) : null;
  // dedupeKey is unique, so each redelivery gets its own suffix; the original row stays as it was.
  const row = await db.inboundMessage.create({ data: { dedupeKey: `${key}#duplicate-${crypto.randomUUID()}`, mailbox, state: "DUPLICATE", ticketId } });
  return { state: "DUPLICATE", inboundId: row.id, ticketNumber: ticket?.number ?? null, created: false };
}

type RowFields = { dedupeKey: string; mailbox: string; fromEmail: string | null; subject: string | null };

async function writeRow(db: Db | Tx, existingId: number | null, fields: RowFields, state: "STORED" | "DUPLICATE" | "IGNORED" | "QUARANTINED", extra: { ticketId?: number | null; raw?: string | null; error?: string | null }) {
  const data = { ...fields, state, ticketId: extra.ticketId ?? null, raw: extra.raw ?? null, error: extra.error ?? null, subject: fields.subject?.slice(0, 500) ?? null };
  return existingId ? db.inboundMessage.update({ where: { id: existingId }, data }) : db.inboundMessage.create({ data });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.message} ${Object.values(error.fieldErrors).join(" ")}`.trim();
  if ((error as { name?: string })?.name === "ZodError") {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    return issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

async function processMessage(db: Db, raw: Buffer, key: string, options: IngestOptions, existingId: number | null): Promise<IngestResult> {
  const fields: RowFields = { dedupeKey: key, mailbox: options.mailbox, fromEmail: null, subject: null };
  try {
    const mail = await parseInbound(raw);
    fields.fromEmail = mail.fromEmail?.slice(0, 254) ?? null;
    fields.subject = mail.subject;
    if (!mail.fromEmail) throw new AppError("INVALID", "The message has no sender address (no From:, Reply-To: or Sender:).");
    if (mail.messageId && (await db.threadEntry.findUnique({ where: { messageId: mail.messageId }, select: { id: true } }))) {
      // Already in a thread (sent by us, or stored under another dedupe key): nothing to add.
      const row = await writeRow(db, existingId, fields, "DUPLICATE", {});
      return { state: "DUPLICATE", inboundId: row.id, ticketNumber: null, created: false, detail: "Message-ID already in a thread" };
    }
    const settings = await loadSettings(db);
    const staffMail = await provenStaffMail(db, mail, mailDomain(settings));
    if (staffMail && mail.autoReply) {
      // An agent's out-of-office answering an alert: not a note, and not a new ticket either.
      const detail = `Automatic reply (${mail.autoReply}) from an agent to an alert.`;
      const row = await writeRow(db, existingId, fields, "IGNORED", { ticketId: staffMail.ticketId, error: detail });
      return { state: "IGNORED", inboundId: row.id, ticketNumber: staffMail.number, created: false, detail };
    }
    if (staffMail) return await storeStaffMail(db, mail, staffMail, fields, existingId, settings);
    const target = await findTicketFor(db, mail, mailDomain(settings));
    if (target) return await storeReply(db, mail, target, fields, existingId, options, settings);

    const since = new Date(Date.now() - HOUR);
    const recent = await db.ticket.count({ where: { source: "EMAIL", createdAt: { gte: since }, requester: { email: mail.fromEmail } } });
    if (recent >= settings.mailMaxNewTicketsPerSenderHour) {
      const detail = `Mail-loop guard: ${recent} tickets from ${mail.fromEmail} in the last hour.`;
      const row = await writeRow(db, existingId, fields, "IGNORED", { error: detail });
      return { state: "IGNORED", inboundId: row.id, ticketNumber: null, created: false, detail };
    }
    return await storeNewTicket(db, mail, fields, existingId, options, settings);
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Another delivery of the same message won the race (dedupeKey or ThreadEntry.messageId).
      const winner = await db.inboundMessage.findUnique({ where: { dedupeKey: key } });
      return recordDuplicate(db, key, options.mailbox, winner?.ticketId ?? null);
    }
    const detail = describeError(error).slice(0, 2000);
    const row = await writeRow(db, existingId, fields, "QUARANTINED", { raw: encodeRaw(raw), error: detail });
    return { state: "QUARANTINED", inboundId: row.id, ticketNumber: null, created: false, detail };
  }
}

type Target = Awaited<ReturnType<typeof loadTarget>>;

function loadTarget(db: Db, where: { number: string } | { id: number }) {
  return db.ticket.findUnique({ where, include: { status: true, requester: { select: { name: true, email: true } } } });
}

/**
 * The ticket a reply belongs to: by In-Reply-To/References (a message we stored or sent), then by
 * the number in the subject, and only when the sender is that ticket's requester. Anything else
 * is a new ticket: a Message-ID or a number is no proof of who may write to a ticket.
 */
async function findTicketFor(db: Db, mail: ParsedInbound, domain: string): Promise<NonNullable<Target> | null> {
  const candidates: ({ number: string } | { id: number })[] = [];
  if (mail.referencedIds.length) {
    const entries = await db.threadEntry.findMany({ where: { messageId: { in: mail.referencedIds.slice(0, 100) } }, select: { ticketId: true, messageId: true } });
    for (const id of mail.referencedIds) {
      const entry = entries.find((e) => e.messageId === id);
      if (entry) candidates.push({ id: entry.ticketId });
      const number = ticketNumberFromMessageId(id, domain);
      if (number) candidates.push({ number });
    }
  }
  for (const number of ticketNumbersInSubject(mail.subject)) candidates.push({ number });
  for (const where of candidates.slice(0, 20)) {
    const ticket = await loadTarget(db, where);
    if (ticket && ticket.requester.email.toLowerCase() === mail.fromEmail) return ticket;
  }
  return null;
}

async function storeReply(db: Db, mail: ParsedInbound, ticket: NonNullable<Target>, fields: RowFields, existingId: number | null, options: IngestOptions, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const kind = ticket.status.kind as StatusKind;
  const open = isOpenKind(kind);
  // A closed ticket takes a person's reply only while the requester may still reopen it; a
  // machine's reply (a bounce, an out-of-office) is filed without reopening anything.
  if (!open && !mail.autoReply && !requesterMayReopen(kind, ticket.closedAt, settings)) return storeNewTicket(db, mail, fields, existingId, options, settings);
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const body = mailBody(trimQuotedReply(mail.text), refused, files.length);
  // The mail sender is the ticket's requester (findTicketFor checked it); the one mutation writes the ticket.
  const sender = { kind: "mail" as const, requesterId: ticket.requesterId, name: ticket.requester.name };
  const afterWrite = async (tx: Tx) => void (await writeRow(tx, existingId, fields, "STORED", { ticketId: ticket.id }));
  const message = { body, bodyHtml: mail.html, messageId: mail.messageId, source: "EMAIL" as const };
  const { number } = await withStoredFiles(files, (stored) => postRequesterMessage(db, sender, ticket.id, message, stored, { reopen: !open && !mail.autoReply, fileOnClosed: !!mail.autoReply, afterWrite }));
  const row = await db.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: fields.dedupeKey }, select: { id: true } });
  return { state: "STORED", inboundId: row.id, ticketNumber: number, created: false };
}

async function storeStaffMail(db: Db, mail: ParsedInbound, staffMail: StaffMail, fields: RowFields, existingId: number | null, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const body = mailBody(staffMail.body, refused, files.length);
  const afterWrite = async (tx: Tx) => void (await writeRow(tx, existingId, fields, "STORED", { ticketId: staffMail.ticketId }));
  await withStoredFiles(files, (stored) => postStaffMail(db, staffMail, body, stored, { messageId: mail.messageId, afterWrite }));
  const row = await db.inboundMessage.findUniqueOrThrow({ where: { dedupeKey: fields.dedupeKey }, select: { id: true } });
  return { state: "STORED", inboundId: row.id, ticketNumber: staffMail.number, created: false, detail: staffMail.mode === "reply" ? "Agent's reply by mail" : "Agent's note by mail" };
}

async function helpTopicFor(db: Db, mail: ParsedInbound, options: Pick<IngestOptions, "helpTopicId">, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<number> {
  if (options.helpTopicId) return options.helpTopicId;
  const addressed = new Set([...mail.to, ...mail.cc]);
  const mailbox = settings.mailMailboxes.find((m) => addressed.has(m.address));
  if (mailbox) return mailbox.helpTopicId;
  if (settings.mailDefaultHelpTopicId) return settings.mailDefaultHelpTopicId;
  const first = await db.helpTopic.findFirst({ where: { active: true, isPublic: true, department: { archivedAt: null } }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true } });
  if (!first) throw new AppError("UNAVAILABLE", "No help topic is set up for mail (settings: mailDefaultHelpTopicId).");
  return first.id;
}

async function storeNewTicket(db: Db, mail: ParsedInbound, fields: RowFields, existingId: number | null, options: Pick<IngestOptions, "helpTopicId">, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const helpTopicId = await helpTopicFor(db, mail, options, settings);
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const input = { name: requesterName(mail), email: mail.fromEmail!, helpTopicId, subject: ticketSubject(mail.subject), message: mailBody(mail.text, refused, files.length) };
  let inboundId = 0;
  const opened = await withStoredFiles(files, (stored) =>
    openTicket(db, input, stored, "EMAIL", {
      messageId: mail.messageId,
      bodyHtml: mail.html,
      autoRespond: !mail.autoReply,
      afterCreate: async (tx, created) => {
        inboundId = (await writeRow(tx, existingId, fields, "STORED", { ticketId: created.ticketId })).id;
      },
    }),
  );
  return { state: "STORED", inboundId, ticketNumber: opened.number, created: true };
}
