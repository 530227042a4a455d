import "server-only";
// The requester's side: open a ticket without an account, follow it through the private link,
// reply, close or reopen. The link is the only key; a wrong number or token is simply "not found".
import { createNotifications } from "./notify";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { removeFiles, type StoredFile } from "@/lib/attachments/storage";
import { loadSettings } from "@/lib/settings/store";
import { enqueueTicketMail } from "@/lib/mail/enqueue";
import { newAccessKey, ticketLinkPath, verifyAccessToken } from "./access-link";
import { syncFollowers } from "./watchers";
import { ZCheckStatus, ZOpenMailTicket, ZOpenTicket, ZRequesterReply, type CheckStatusInput, type OpenTicketInput, type RequesterReplyInput } from "./schemas";
import { formatTicketNumber, isOpenKind, requesterMayClose, requesterMayReopen, slaDueDates, type StatusKind } from "./workflow";

const NUMBER_ATTEMPTS = 5;

export type OpenedTicket = { number: string; linkPath: string };

/** What mail and the API add to opening a ticket; the web form passes none of it. */
export type OpenTicketExtras = {
  /** Message-ID of the mail that opened the ticket: replies thread by it, redeliveries dedupe by it. */
  messageId?: string | null;
  /** The mail's HTML, already sanitised. */
  bodyHtml?: string | null;
  /** Mail and the API may file under a topic the portal does not list (still active, department not archived). */
  allowPrivateTopic?: boolean;
  /** false: no automatic answer to the requester (mail from a machine, or the API asked for none). */
  autoRespond?: boolean;
  /** false: agents get no mail alert about the new ticket (the API's "alert": false). */
  alertStaff?: boolean;
  /** Runs inside the ticket's transaction, e.g. to record the inbound mail that opened it. */
  afterCreate?: (tx: Tx, created: { ticketId: number; entryId: number; number: string }) => Promise<void>;
};

export async function openTicket(db: Db, raw: OpenTicketInput, files: StoredFile[] = [], source: "WEB" | "EMAIL" | "API" = "WEB", extras: OpenTicketExtras = {}): Promise<OpenedTicket> {
  const input = (source === "EMAIL" ? ZOpenMailTicket : ZOpenTicket).parse(raw);
  if (input.clientKey) {
    const existing = await db.ticket.findUnique({ where: { clientKey: input.clientKey }, select: { number: true, accessKey: true } });
    if (existing) return answerDuplicate(existing, files);
  }
  const topic = await db.helpTopic.findFirst({
    where: { id: input.helpTopicId, active: true, ...(extras.allowPrivateTopic ? {} : { isPublic: true }), department: { archivedAt: null } },
    include: { department: true, priority: true, slaPlan: true },
  });
  if (!topic) throw invalid({ helpTopicId: "Choose one of the listed help topics." });
  const settings = await loadSettings(db);

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const status = await tx.ticketStatus.findFirst({ where: { kind: "OPEN" }, orderBy: { sortOrder: "asc" } });
        const priority = topic.priority ?? (await tx.priority.findFirst({ where: { isDefault: true } })) ?? (await tx.priority.findFirst({ orderBy: { sortOrder: "desc" } }));
        if (!status || !priority) throw new AppError("UNAVAILABLE", "The help desk is not set up yet (no statuses or priorities).");
        const slaPlan = topic.slaPlan ?? (topic.department.slaPlanId ? await tx.slaPlan.findUnique({ where: { id: topic.department.slaPlanId } }) : null);
        let sequence = 0;
        if (settings.ticketNumberMode === "sequential") {
          const seq = await tx.sequence.upsert({ where: { name: "ticket" }, create: { name: "ticket", value: 1 }, update: { value: { increment: 1 } } });
          sequence = seq.value;
        }
        const number = formatTicketNumber(settings.ticketNumberMode, settings.ticketNumberPrefix, sequence);
        const requester = await tx.requester.upsert({
          where: { email: input.email },
          create: { email: input.email, name: input.name, phone: input.phone || null },
          update: { name: input.name, ...(input.phone ? { phone: input.phone } : {}) },
        });
        const now = new Date();
        const accessKey = newAccessKey();
        const ticket = await tx.ticket.create({
          data: {
            number,
            subject: input.subject,
            statusId: status.id,
            isOpen: true,
            priorityId: priority.id,
            priorityOrder: priority.sortOrder,
            departmentId: topic.departmentId,
            helpTopicId: topic.id,
            slaPlanId: slaPlan?.id ?? null,
            assigneeId: topic.department.defaultAssigneeId,
            teamId: topic.department.defaultAssigneeId ? null : topic.department.defaultTeamId,
            requesterId: requester.id,
            source,
            accessKey,
            clientKey: input.clientKey,
            ...slaDueDates(now, slaPlan),
            lastMessageAt: now,
            createdAt: now,
            updatedAt: now,
          },
        });
        const entry = await tx.threadEntry.create({ data: { ticketId: ticket.id, kind: "MESSAGE", authorRequesterId: requester.id, body: input.message, source, messageId: extras.messageId ?? null, bodyHtml: extras.bodyHtml ?? null } });
        if (files.length) await tx.attachment.createMany({ data: files.map((f) => ({ ...f, ticketId: ticket.id, entryId: entry.id })) });
        await tx.historyEvent.create({ data: { ticketId: ticket.id, actorLabel: `${requester.name} (requester)`, type: "created", toValue: topic.department.name, ticketVersion: 1, createdAt: now } });
        await extras.afterCreate?.(tx, { ticketId: ticket.id, entryId: entry.id, number });
        await enqueueTicketMail(tx, { type: "opened", ticketId: ticket.id, autoRespond: extras.autoRespond ?? true, alertStaff: extras.alertStaff ?? true });
        return { number, linkPath: ticketLinkPath(number, accessKey) };
      });
    } catch (error) {
      // Two submissions of one form at once both pass the check above; the loser hits the unique
      // clientKey and answers with the winner's ticket.
      if (isUniqueViolation(error) && input.clientKey) {
        const existing = await db.ticket.findUnique({ where: { clientKey: input.clientKey }, select: { number: true, accessKey: true } });
        if (existing) return answerDuplicate(existing, files);
      }
      // A random number can collide with an existing one; draw again.
      const target = String((error as { meta?: { target?: unknown } }).meta?.target ?? (error as Error).message);
      if ((error as { code?: string }).code === "P2002" && target.includes("number") && attempt < NUMBER_ATTEMPTS) continue;
      throw error;
    }
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

/**
 * A resubmitted form is answered with the ticket the first submission opened. The files that came
 * with the copy were written before the duplicate was known and belong to no row: remove them.
 */
async function answerDuplicate(existing: { number: string; accessKey: string }, files: StoredFile[]): Promise<OpenedTicket> {
  await removeFiles(files);
  return { number: existing.number, linkPath: ticketLinkPath(existing.number, existing.accessKey) };
}

async function ticketByLink(db: Db, number: string, token: string) {
  const ticket = await db.ticket.findUnique({ where: { number }, include: { status: true, requester: true } });
  if (!ticket || !verifyAccessToken(ticket.number, ticket.accessKey, token)) throw notFound();
  return ticket;
}

/** What the requester sees: their messages and agents' replies, never internal notes. */
export async function getRequesterView(db: Db, number: string, token: string) {
  const ticket = await ticketByLink(db, number, token);
  const settings = await loadSettings(db);
  const entries = await db.threadEntry.findMany({
    where: { ticketId: ticket.id, kind: { in: ["MESSAGE", "REPLY"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { authorStaff: { select: { name: true } }, authorRequester: { select: { name: true } }, attachments: { select: { id: true, fileName: true, size: true } } },
  });
  const kind = ticket.status.kind as StatusKind;
  return {
    ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status, createdAt: ticket.createdAt, updatedAt: ticket.updatedAt, requesterName: ticket.requester.name, isOpen: isOpenKind(kind) },
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
  const ticket = await ticketByLink(db, number, token);
  const attachment = await db.attachment.findFirst({
    where: { id: attachmentId, ticketId: ticket.id, entry: { kind: { in: ["MESSAGE", "REPLY"] } } },
    select: { fileName: true, size: true, storageKey: true },
  });
  if (!attachment) throw notFound("attachment");
  return attachment;
}

export async function requesterReply(db: Db, number: string, token: string, raw: RequesterReplyInput, files: StoredFile[] = []): Promise<void> {
  const input = ZRequesterReply.parse(raw);
  const ticket = await ticketByLink(db, number, token);
  // A resubmitted reply was posted once; its copy's files belong to no row.
  if (input.clientKey && (await db.threadEntry.findUnique({ where: { clientKey: input.clientKey } }))) return removeFiles(files);
  if (!isOpenKind(ticket.status.kind as StatusKind)) throw invalid({ message: "This ticket is closed, so it cannot take replies. Reopen it first, or open a new ticket." }, "This ticket is closed.");
  await db.$transaction((tx) => appendRequesterMessage(tx, ticket, { body: input.message, clientKey: input.clientKey }, files)).catch(async (error: unknown) => {
    // The same reply sent twice at once: the second hits the unique clientKey; it was posted once.
    if (isUniqueViolation(error) && input.clientKey && (await db.threadEntry.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } }))) return removeFiles(files);
    throw error;
  });
}

type RequesterMessage = { body: string; clientKey?: string; messageId?: string | null; bodyHtml?: string | null; source?: "WEB" | "EMAIL" };

/** The requester's message on their ticket, inside the caller's transaction: web replies and mail replies alike. */
export async function appendRequesterMessage(
  tx: Tx,
  ticket: { id: number; number: string; subject: string; requesterId: number; assigneeId: number | null; requester: { name: string } },
  message: RequesterMessage,
  files: StoredFile[] = [],
): Promise<{ entryId: number; version: number }> {
  const now = new Date();
  const entry = await tx.threadEntry.create({
    data: { ticketId: ticket.id, kind: "MESSAGE", authorRequesterId: ticket.requesterId, body: message.body, clientKey: message.clientKey, messageId: message.messageId ?? null, bodyHtml: message.bodyHtml ?? null, source: message.source ?? "WEB" },
  });
  if (files.length) await tx.attachment.createMany({ data: files.map((f) => ({ ...f, ticketId: ticket.id, entryId: entry.id })) });
  // A requester's reply never conflicts with an agent's form, but it does change the ticket.
  const updated = await tx.ticket.update({ where: { id: ticket.id }, data: { version: { increment: 1 }, lastMessageAt: now, updatedAt: now } });
  await tx.historyEvent.create({ data: { ticketId: ticket.id, actorLabel: `${ticket.requester.name} (requester)`, type: "requester_replied", ticketVersion: updated.version, createdAt: now } });
  const staffIds = ticket.assigneeId ? [ticket.assigneeId] : [];
  await createNotifications(tx, ticket, null, staffIds.length ? [{ type: "requester_replied", staffIds, message: `${ticket.requester.name} replied on #${ticket.number} “${ticket.subject}”` }] : []);
  return { entryId: entry.id, version: updated.version };
}

export async function requesterSetOpen(db: Db, number: string, token: string, open: boolean): Promise<void> {
  const ticket = await ticketByLink(db, number, token);
  const settings = await loadSettings(db);
  const kind = ticket.status.kind as StatusKind;
  if (open ? !requesterMayReopen(kind, ticket.closedAt, settings) : !requesterMayClose(kind, settings)) {
    throw new AppError("FORBIDDEN", open ? "This ticket can no longer be reopened. Open a new ticket instead." : "This ticket cannot be closed from here.");
  }
  await db.$transaction(async (tx) => {
    const target = await tx.ticketStatus.findFirst({ where: { kind: open ? "OPEN" : "CLOSED" }, orderBy: { sortOrder: "asc" } });
    if (!target) throw new AppError("UNAVAILABLE", "The help desk is not set up yet.");
    const now = new Date();
    const updated = await tx.ticket.update({
      where: { id: ticket.id },
      data: { statusId: target.id, isOpen: open, closedAt: open ? null : now, resolvedAt: open ? null : ticket.resolvedAt, version: { increment: 1 }, updatedAt: now },
    });
    await syncFollowers(tx, ticket.id, open);
    await tx.historyEvent.create({
      data: { ticketId: ticket.id, actorLabel: `${ticket.requester.name} (requester)`, type: open ? "requester_reopened" : "requester_closed", fromValue: ticket.status.name, toValue: target.name, ticketVersion: updated.version, createdAt: now },
    });
    if (open && ticket.assigneeId) {
      await createNotifications(tx, ticket, null, [{ type: "requester_replied", staffIds: [ticket.assigneeId], message: `${ticket.requester.name} reopened #${ticket.number} “${ticket.subject}”` }]);
    }
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

