import "server-only";
// The requester's side: open a ticket without an account, follow it through the private link,
// reply, close or reopen. The link is the only key; a wrong number or token is simply "not found".
import type { MailSenderActor, RequesterActor } from "@/lib/auth/ticket-actor";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { removeFiles, type StoredFile } from "@/lib/attachments/storage";
import { loadSettings } from "@/lib/settings/store";
import { ticketLinkPath, verifyAccessToken } from "./access-link";
import { mutateTicket, type Mutation, type TargetStatus } from "./mutate";
import { ZCheckStatus, ZRequesterReply, type CheckStatusInput, type RequesterReplyInput } from "./schemas";
import { isOpenKind, requesterMayClose, requesterMayReopen, type StatusKind } from "./workflow";

// Opening lives with the one write path (mutate-open.ts); the portal, mail and the API import it from here too.
export { openTicket, type OpenedTicket, type OpenTicketExtras } from "./mutate-open";

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

async function ticketByLink(db: Db, number: string, token: string) {
  const ticket = await db.ticket.findUnique({ where: { number }, include: { status: true, requester: true } });
  if (!ticket || !verifyAccessToken(ticket.number, ticket.accessKey, token)) throw notFound();
  return ticket;
}

type LinkedTicket = Awaited<ReturnType<typeof ticketByLink>>;

/** The requester proven by a ticket's private link, with the ticket the link opens. */
export type LinkRequester = RequesterActor & { ticketId: number };

/** Checks a private link and names who holds it: the ticket's requester. */
export async function requesterByTicketLink(db: Db, number: string, token: string): Promise<LinkRequester> {
  const ticket = await ticketByLink(db, number, token);
  return { ...requesterOf(ticket), ticketId: ticket.id };
}

/** What the requester sees: their messages and agents' replies, never internal notes. */
export async function getRequesterView(db: Db, number: string, token: string) {
  return viewOf(db, await ticketByLink(db, number, token));
}

/** The same view, for a ticket whose link was already checked (requesterByTicketLink). */
export async function requesterViewOf(db: Db, ticketId: number) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, include: { status: true, requester: true } });
  if (!ticket) throw notFound();
  return viewOf(db, ticket);
}

async function viewOf(db: Db, ticket: LinkedTicket) {
  const settings = await loadSettings(db);
  const entries = await db.threadEntry.findMany({
    where: { ticketId: ticket.id, kind: { in: ["MESSAGE", "REPLY"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { authorStaff: { select: { name: true } }, authorRequester: { select: { name: true } }, attachments: { select: { id: true, fileName: true, size: true } } },
  });
  const kind = ticket.status.kind as StatusKind;
  return {
    ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status, createdAt: ticket.createdAt, updatedAt: ticket.updatedAt, requesterName: ticket.requester.name, isOpen: isOpenKind(kind) },
    /** What the agent told the requester when resolving; only while the ticket stays resolved. */
    resolution: kind === "RESOLVED" && ticket.resolution ? { text: ticket.resolution, at: ticket.resolvedAt } : null,
    entries: entries.map((e) => ({ id: e.id, kind: e.kind, body: e.body, createdAt: e.createdAt, author: e.kind === "REPLY" ? (e.authorStaff?.name ?? "Support") : (e.authorRequester?.name ?? ticket.requester.name), attachments: e.attachments })),
    canClose: requesterMayClose(kind, settings),
    canReopen: requesterMayReopen(kind, ticket.closedAt, settings),
    canReply: isOpenKind(kind),
  };
}

/**
 * One attachment of the ticket behind the link, for download. Only files on the requester's
 * messages and agents' replies: a file on an internal note, or one no longer tied to an entry,
 * is "not found", exactly like a wrong link.
 */
export async function getRequesterAttachment(db: Db, number: string, token: string, attachmentId: number) {
  return requesterAttachmentOf(db, (await ticketByLink(db, number, token)).id, attachmentId);
}

/** The same, for a ticket whose link was already checked. */
export async function requesterAttachmentOf(db: Db, ticketId: number, attachmentId: number) {
  const attachment = await db.attachment.findFirst({
    where: { id: attachmentId, ticketId, entry: { kind: { in: ["MESSAGE", "REPLY"] } } },
    select: { fileName: true, size: true, storageKey: true },
  });
  if (!attachment) throw notFound("attachment");
  return attachment;
}

const requesterOf = (ticket: { requesterId: number; requester: { name: string } }): RequesterActor => ({ kind: "requester", requesterId: ticket.requesterId, name: ticket.requester.name });

export async function requesterReply(db: Db, number: string, token: string, raw: RequesterReplyInput, files: StoredFile[] = []): Promise<void> {
  const input = ZRequesterReply.parse(raw);
  const ticket = await ticketByLink(db, number, token);
  // A resubmitted reply was posted once; its copy's files belong to no row.
  if (input.clientKey && (await db.threadEntry.findUnique({ where: { clientKey: input.clientKey } }))) return removeFiles(files);
  await postRequesterMessage(db, requesterOf(ticket), ticket.id, { body: input.message, clientKey: input.clientKey }, files).catch(async (error: unknown) => {
    // The same reply sent twice at once: the second hits the unique clientKey; it was posted once.
    if (isUniqueViolation(error) && input.clientKey && (await db.threadEntry.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } }))) return removeFiles(files);
    throw error;
  });
}

type RequesterMessage = { body: string; clientKey?: string; messageId?: string | null; bodyHtml?: string | null; source?: "WEB" | "EMAIL" };

export type RequesterMessageOptions = {
  /** A mail from a person on a closed ticket reopens it (when the settings let the requester reopen). */
  reopen?: boolean;
  /** A machine's mail (a bounce, an out-of-office) is filed on a closed ticket without reopening it. */
  fileOnClosed?: boolean;
  /** Runs inside the transaction after the entry is written (the inbound mail's row is recorded there). */
  afterWrite?: (tx: Tx) => Promise<void>;
};

const CLOSED_REPLY = "This ticket is closed, so it cannot take replies. Reopen it first, or open a new ticket.";

/** The requester's message on their ticket, web replies and mail replies alike, through the one mutation. */
export async function postRequesterMessage(db: Db, actor: RequesterActor | MailSenderActor, ticketId: number, message: RequesterMessage, files: StoredFile[] = [], options: RequesterMessageOptions = {}): Promise<{ number: string; version: number }> {
  return mutateTicket(db, actor, { ticketId }, options.reopen ? "requester.reopen" : "requester.reply", async (ticket, tx) => {
    const reopen = !ticket.isOpen && options.reopen === true;
    if (!ticket.isOpen && !reopen && !options.fileOnClosed) throw invalid({ message: CLOSED_REPLY }, "This ticket is closed.");
    const entry = await tx.threadEntry.create({
      data: { ticketId: ticket.id, kind: "MESSAGE", authorRequesterId: ticket.requesterId, body: message.body, clientKey: message.clientKey, messageId: message.messageId ?? null, bodyHtml: message.bodyHtml ?? null, source: message.source ?? "WEB" },
    });
    if (files.length) await tx.attachment.createMany({ data: files.map((f) => ({ ...f, ticketId: ticket.id, entryId: entry.id })) });
    await options.afterWrite?.(tx);
    const now = new Date();
    const mutation: Mutation = {
      data: { lastMessageAt: now, requesterWroteAt: now },
      events: [{ type: "requester_replied" }],
      emit: [{ type: "requester.replied", entryId: entry.id, assigneeId: ticket.assigneeId }],
    };
    if (reopen) {
      const target = await statusOfKind(tx, "OPEN");
      mutation.status = target;
      mutation.events.push({ type: "requester_reopened", fromValue: ticket.status.name, toValue: target.name });
      mutation.emit!.push({ type: actor.kind === "mail" ? "mail.reopened" : "requester.reopened", assigneeId: ticket.assigneeId });
    }
    return mutation;
  });
}

async function statusOfKind(tx: Tx, kind: "OPEN" | "CLOSED"): Promise<TargetStatus> {
  const target = await tx.ticketStatus.findFirst({ where: { kind }, orderBy: { sortOrder: "asc" } });
  if (!target) throw new AppError("UNAVAILABLE", "The help desk is not set up yet.");
  return { id: target.id, name: target.name, kind };
}

export async function requesterSetOpen(db: Db, number: string, token: string, open: boolean): Promise<void> {
  const ticket = await ticketByLink(db, number, token);
  await mutateTicket(db, requesterOf(ticket), { ticketId: ticket.id }, open ? "requester.reopen" : "requester.close", async (current, tx) => {
    const target = await statusOfKind(tx, open ? "OPEN" : "CLOSED");
    return {
      status: target,
      events: [{ type: open ? "requester_reopened" : "requester_closed", fromValue: current.status.name, toValue: target.name }],
      emit: [open ? { type: "requester.reopened", assigneeId: current.assigneeId } : { type: "requester.closed" }],
    };
  });
}

/**
 * "Check status": the private link goes to the address on the ticket, by mail, and the answer is
 * the same whether or not the pair exists, so the form reveals nothing about who has tickets.
 */
export async function requestTicketLink(db: Db, raw: CheckStatusInput): Promise<void> {
  const input = ZCheckStatus.parse(raw);
  const ticket = await db.ticket.findFirst({ where: { number: input.number, requester: { email: input.email } }, include: { requester: true } });
  if (!ticket) return;
  const settings = await loadSettings(db);
  const base = settings.helpdeskUrl || process.env.APP_URL || "";
  await db.outboxMessage.create({
    data: {
      toAddress: ticket.requester.email,
      ticketId: ticket.id,
      subject: `[#${ticket.number}] Your link to “${ticket.subject}”`,
      textBody: `Hello ${ticket.requester.name},\n\nHere is the private link to your ticket #${ticket.number}:\n${base}${ticketLinkPath(ticket.number, ticket.accessKey)}\n\nKeep it to yourself: anyone with the link can read and answer the ticket.\n\n${settings.helpdeskName}`,
    },
  });
}

