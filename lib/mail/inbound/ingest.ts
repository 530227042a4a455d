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
import { logger } from "@/lib/server/logger";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { openTicket, postRequesterMessage } from "@/lib/tickets/requester-service";
import { isOpenKind, requesterMayReopen, type StatusKind } from "@/lib/tickets/workflow";
import { mailDomain } from "@/lib/mail/domain";
import { checkMailAttachments } from "./attachments";
import { mailBody, requesterName, ticketSubject } from "./compose";
import { beginAttempt, contentHashOf, decodeRaw, describeError, finishAttempt, isUniqueViolation, MAX_ATTEMPTS, messageIdOf, recordFailure, SupersededAttempt, type Attempt, type InboundState, type RowFields } from "./inbound-record";
import { parseInbound, type ParsedInbound } from "./parse";
import { trimQuotedReply } from "./quote-trim";
import { postStaffMail, provenStaffMail, type StaffMail } from "./staff-reply";
import { ticketNumberFromMessageId, ticketNumbersInSubject } from "./ticket-ref";

export { decodeRaw, dedupeKeyFor, encodeRaw } from "./inbound-record";

export type IngestOptions = {
  /** Where the mail came from: "pipe", or an IMAP mailbox's name. Recorded on the InboundMessage. */
  mailbox: string;
  /** The help topic for new tickets from this mailbox; else from settings. */
  helpTopicId?: number;
  /** An admin's correction of an unclear or unusable sender (quarantine: "correct the sender and file"). */
  senderOverride?: string;
};

export type IngestResult = {
  state: InboundState;
  inboundId: number;
  ticketNumber: string | null;
  /** true when the mail opened a new ticket, false for a reply (or nothing stored). */
  created: boolean;
  detail?: string;
};

const HOUR = 3_600_000;

type Known = { id: number; state: string; ticketId: number | null; contentHash: string | null; attempts: number; raw: string | null };

/**
 * Files one delivered message. Same Message-ID and same bytes: a redelivery (DUPLICATE). Same
 * Message-ID, other bytes: another message that reuses the ID (a broken mailer, or a replay), kept
 * as its own, flagged. Throws only when the database cannot record the attempt's outcome, and at
 * most MAX_ATTEMPTS times for one message: after that it stays quarantined.
 */
export async function ingestMessage(db: Db, raw: Buffer, options: IngestOptions): Promise<IngestResult> {
  const contentHash = contentHashOf(raw);
  const messageId = messageIdOf(raw);
  let dedupeKey = messageId ?? `sha256:${contentHash}`;
  let reusedMessageId = false;
  let known: Known | null = await db.inboundMessage.findUnique({ where: { dedupeKey } });
  // Rows from before content hashes (contentHash null) cannot be compared: a redelivery, as then.
  if (known && messageId && known.contentHash && known.contentHash !== contentHash) {
    reusedMessageId = true;
    dedupeKey = `${messageId}#sha256:${contentHash}`;
    known = await db.inboundMessage.findUnique({ where: { dedupeKey } });
  }
  // A redelivery of a quarantined message is another try; of anything else, a duplicate.
  if (known && known.state !== "QUARANTINED") return recordDuplicate(db, dedupeKey, options.mailbox, known, contentHash);
  if (known && known.attempts >= MAX_ATTEMPTS) return givenUp(db, known.id, known.attempts);
  const attempt = await beginAttempt(db, raw, { dedupeKey, mailbox: options.mailbox, contentHash, reusedMessageId }, known);
  if (!attempt) return concurrentDelivery(db, dedupeKey, options.mailbox, contentHash);
  return processMessage(db, raw, attempt, options);
}

/** An admin's retry of a quarantined message (after fixing what made it fail), whatever its attempt count. */
export async function retryQuarantined(db: Db, id: number, override: { senderOverride?: string } = {}): Promise<IngestResult> {
  const row = await db.inboundMessage.findUnique({ where: { id } });
  if (!row || row.state !== "QUARANTINED" || !row.raw) throw notFound("quarantined message");
  const raw = decodeRaw(row.raw);
  const attempt = await beginAttempt(db, raw, { dedupeKey: row.dedupeKey, mailbox: row.mailbox, contentHash: contentHashOf(raw), reusedMessageId: row.reusedMessageId }, row);
  if (!attempt) throw new AppError("CONFLICT", "The message is being processed right now. Reload the page.");
  // Mail from an IMAP mailbox is filed under that mailbox's topic again, as on its first try.
  const mailbox = await db.imapMailbox.findUnique({ where: { name: row.mailbox }, select: { helpTopicId: true } });
  return processMessage(db, raw, attempt, { mailbox: row.mailbox, helpTopicId: mailbox?.helpTopicId ?? undefined, ...override });
}

/**
 * A redelivery: recorded, nothing changed. The ticket number is told only for the very same bytes
 * (the same sender's same mail), never for a message that merely shares an ID with it.
 */
async function recordDuplicate(db: Db, key: string, mailbox: string, known: Pick<Known, "ticketId" | "contentHash">, contentHash: string): Promise<IngestResult> {
  const sameBytes = known.contentHash === contentHash;
  const ticket = known.ticketId && sameBytes ? await db.ticket.findUnique({ where: { id: known.ticketId }, select: { number: true } }) : null;
  // dedupeKey is unique, so each redelivery gets its own suffix; the original row stays as it was.
  const row = await db.inboundMessage.create({ data: { dedupeKey: `${key}#duplicate-${crypto.randomUUID()}`, mailbox, state: "DUPLICATE", ticketId: known.ticketId, contentHash } });
  return { state: "DUPLICATE", inboundId: row.id, ticketNumber: ticket?.number ?? null, created: false };
}

/** Another delivery of the same message is being filed at this moment: that one is the record. */
async function concurrentDelivery(db: Db, key: string, mailbox: string, contentHash: string): Promise<IngestResult> {
  const winner = await db.inboundMessage.findUnique({ where: { dedupeKey: key }, select: { ticketId: true, contentHash: true } });
  return recordDuplicate(db, key, mailbox, winner ?? { ticketId: null, contentHash: null }, contentHash);
}

async function givenUp(db: Db, id: number, attempts: number): Promise<IngestResult> {
  const detail = `Given up after ${attempts} failed attempts: the message stays in the quarantine until an admin retries or discards it.`;
  // Best effort: the database may be what keeps failing. The row is already QUARANTINED with its raw copy.
  await db.inboundMessage.update({ where: { id }, data: { error: detail } }).catch(() => undefined);
  return { state: "QUARANTINED", inboundId: id, ticketNumber: null, created: false, detail };
}

async function processMessage(db: Db, raw: Buffer, attempt: Attempt, options: IngestOptions): Promise<IngestResult> {
  const fields: RowFields = { fromEmail: null, subject: null };
  try {
    const mail = await parseInbound(raw);
    if (options.senderOverride) Object.assign(mail, { fromEmail: options.senderOverride.toLowerCase(), senderUnclear: null, bounce: false });
    // Another message's Message-ID is not this one's: it must neither thread nor collide by it.
    if (attempt.reusedMessageId) mail.messageId = null;
    Object.assign(fields, { fromEmail: mail.fromEmail, subject: mail.subject, senderUnclear: !!mail.senderUnclear, rawFrom: mail.senderUnclear ? mail.rawFrom : null });
    if (!mail.fromEmail) throw new AppError("INVALID", "The message has no sender address (no From:, Reply-To: or Sender:).");
    if (mail.messageId && (await db.threadEntry.findUnique({ where: { messageId: mail.messageId }, select: { id: true } }))) {
      // Mail we sent ourselves (copied back to us), or stored before under another key: nothing to
      // add to a thread. The raw copy stays, so nothing that arrived is lost.
      const detail = "Message-ID already in a thread (mail the help desk sent, or stored before).";
      await finishAttempt(db, attempt, fields, "DUPLICATE", { keepRaw: true, error: detail });
      return { state: "DUPLICATE", inboundId: attempt.id, ticketNumber: null, created: false, detail };
    }
    const settings = await loadSettings(db);
    if (mail.bounce) return await storeBounce(db, mail, attempt, fields, mailDomain(settings));
    const staffMail = await provenStaffMail(db, mail, mailDomain(settings));
    if (staffMail && mail.autoReply) {
      // An agent's out-of-office answering an alert: not a note, and not a new ticket either.
      const detail = `Automatic reply (${mail.autoReply}) from an agent to an alert.`;
      await finishAttempt(db, attempt, fields, "IGNORED", { ticketId: staffMail.ticketId, error: detail });
      return { state: "IGNORED", inboundId: attempt.id, ticketNumber: staffMail.number, created: false, detail };
    }
    if (staffMail) return await storeStaffMail(db, mail, staffMail, fields, attempt, settings);
    const target = await findTicketFor(db, mail, mailDomain(settings));
    if (target) return await storeReply(db, mail, target, fields, attempt, options, settings);

    const since = new Date(Date.now() - HOUR);
    const recent = await db.ticket.count({ where: { source: "EMAIL", createdAt: { gte: since }, requester: { email: mail.fromEmail } } });
    if (recent >= settings.mailMaxNewTicketsPerSenderHour) {
      const detail = `Mail-loop guard: ${recent} tickets from ${mail.fromEmail} in the last hour.`;
      await finishAttempt(db, attempt, fields, "IGNORED", { error: detail });
      return { state: "IGNORED", inboundId: attempt.id, ticketNumber: null, created: false, detail };
    }
    return await storeNewTicket(db, mail, fields, attempt, options, settings);
  } catch (error) {
    if (error instanceof SupersededAttempt || isUniqueViolation(error)) {
      // Another delivery of the same message won the race (a later attempt, or ThreadEntry.messageId).
      return concurrentDelivery(db, attempt.dedupeKey, options.mailbox, attempt.contentHash);
    }
    const detail = describeError(error).slice(0, 2000);
    if (await recordFailure(db, attempt, fields, detail)) return { state: "QUARANTINED", inboundId: attempt.id, ticketNumber: null, created: false, detail };
    // Not even the failure could be written. The raw copy and the attempt count are: the caller may
    // deliver it again (IMAP leaves it unread), until the last attempt, which leaves it quarantined.
    logger.error({ inboundId: attempt.id, attempt: attempt.n, err: error }, "inbound mail: the failure of a message could not be recorded");
    if (attempt.n >= MAX_ATTEMPTS) return givenUp(db, attempt.id, attempt.n);
    throw error;
  }
}

/**
 * A delivery failure report: kept raw, never a ticket, never answered; linked to the ticket whose
 * mail it returns (our Message-IDs carry the number; else a stored entry's ID or the subject's number).
 */
async function storeBounce(db: Db, mail: ParsedInbound, attempt: Attempt, fields: RowFields, domain: string): Promise<IngestResult> {
  const ids = [...mail.referencedIds, ...mail.bounceRefs.messageIds];
  let ticketId: number | null = null;
  const numbers = [...ids.map((id) => ticketNumberFromMessageId(id, domain)), ...[mail.subject, ...mail.bounceRefs.subjects].flatMap(ticketNumbersInSubject)].filter((n): n is string => !!n);
  if (numbers.length) ticketId = (await db.ticket.findFirst({ where: { number: { in: numbers.slice(0, 20) } }, select: { id: true } }))?.id ?? null;
  if (!ticketId && ids.length) ticketId = (await db.threadEntry.findFirst({ where: { messageId: { in: ids.slice(0, 100) } }, select: { ticketId: true } }))?.ticketId ?? null;
  const detail = `Delivery failure report${ticketId ? "" : " (no ticket of ours found in it)"}: ${mail.text.replace(/\s+/g, " ").trim().slice(0, 300)}`;
  await finishAttempt(db, attempt, fields, "BOUNCE", { ticketId, keepRaw: true, error: detail });
  const ticket = ticketId ? await db.ticket.findUnique({ where: { id: ticketId }, select: { number: true } }) : null;
  return { state: "BOUNCE", inboundId: attempt.id, ticketNumber: ticket?.number ?? null, created: false, detail };
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

async function storeReply(db: Db, mail: ParsedInbound, ticket: NonNullable<Target>, fields: RowFields, attempt: Attempt, options: IngestOptions, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const kind = ticket.status.kind as StatusKind;
  const open = isOpenKind(kind);
  // A closed ticket takes a person's reply only while the requester may still reopen it; a
  // machine's reply (a bounce, an out-of-office) is filed without reopening anything.
  if (!open && !mail.autoReply && !requesterMayReopen(kind, ticket.closedAt, settings)) return storeNewTicket(db, mail, fields, attempt, options, settings);
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const body = mailBody(trimQuotedReply(mail.text), refused, files.length);
  // The mail sender is the ticket's requester (findTicketFor checked it); the one mutation writes the ticket.
  const sender = { kind: "mail" as const, requesterId: ticket.requesterId, name: ticket.requester.name };
  const afterWrite = async (tx: Tx) => void (await finishAttempt(tx, attempt, fields, "STORED", { ticketId: ticket.id }));
  const message = { body, bodyHtml: mail.html, messageId: mail.messageId, source: "EMAIL" as const };
  const { number } = await withStoredFiles(files, (stored) => postRequesterMessage(db, sender, ticket.id, message, stored, { reopen: !open && !mail.autoReply, fileOnClosed: !!mail.autoReply, afterWrite }));
  return { state: "STORED", inboundId: attempt.id, ticketNumber: number, created: false };
}

async function storeStaffMail(db: Db, mail: ParsedInbound, staffMail: StaffMail, fields: RowFields, attempt: Attempt, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const body = mailBody(staffMail.body, refused, files.length);
  const afterWrite = async (tx: Tx) => void (await finishAttempt(tx, attempt, fields, "STORED", { ticketId: staffMail.ticketId }));
  await withStoredFiles(files, (stored) => postStaffMail(db, staffMail, body, stored, { messageId: mail.messageId, afterWrite }));
  return { state: "STORED", inboundId: attempt.id, ticketNumber: staffMail.number, created: false, detail: staffMail.mode === "reply" ? "Agent's reply by mail" : "Agent's note by mail" };
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

async function storeNewTicket(db: Db, mail: ParsedInbound, fields: RowFields, attempt: Attempt, options: Pick<IngestOptions, "helpTopicId">, settings: Awaited<ReturnType<typeof loadSettings>>): Promise<IngestResult> {
  const helpTopicId = await helpTopicFor(db, mail, options, settings);
  const { files, refused } = await checkMailAttachments(mail.attachments, settings);
  const input = { name: requesterName(mail), email: mail.fromEmail!, helpTopicId, subject: ticketSubject(mail.subject), message: mailBody(mail.text, refused, files.length) };
  const opened = await withStoredFiles(files, (stored) =>
    openTicket(db, input, stored, "EMAIL", {
      messageId: mail.messageId,
      bodyHtml: mail.html,
      // An unclear sender is filed under an address nobody receives: no auto-response, no link.
      autoRespond: !mail.autoReply && !mail.senderUnclear,
      afterCreate: async (tx, created) => {
        await finishAttempt(tx, attempt, fields, "STORED", { ticketId: created.ticketId });
      },
    }),
  );
  return { state: "STORED", inboundId: attempt.id, ticketNumber: opened.number, created: true };
}
