import "server-only";
// Opening a ticket, from every source (the portal's form, mail, the API): the sibling of
// mutateTicket and the only code that creates a ticket row. The policy decides which topics each
// kind of opener may file under; the ticket starts at version 1 with its history and followers.
import { actorMayOpenTicket } from "@/lib/auth/policy";
import { actorLabel, type ApiKeyActor } from "@/lib/auth/ticket-actor";
import { removeFiles, type StoredFile } from "@/lib/attachments/storage";
import { AppError, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { afterCommit } from "@/lib/events/bus";
import { newAccessKey, ticketLinkPath } from "./access-link";
import { recordEvents } from "./events";
import { ZOpenMailTicket, ZOpenTicket, type OpenTicketInput } from "./schemas";
import { formatTicketNumber, slaDueDates } from "./workflow";

const NUMBER_ATTEMPTS = 5;

export type OpenedTicket = { number: string; linkPath: string };

export type TicketSource = "WEB" | "EMAIL" | "API" | "PHONE";

/** What mail and the API add to opening a ticket; the web form passes none of it. */
export type OpenTicketExtras = {
  /** Message-ID of the mail that opened the ticket: replies thread by it, redeliveries dedupe by it. */
  messageId?: string | null;
  /** The mail's HTML, already sanitised. */
  bodyHtml?: string | null;
  /** The API key that opens the ticket (source "API"); named in the history. */
  apiKey?: ApiKeyActor;
  /** The channel to record when it differs from who opened it (the API's "source": "phone"). */
  channel?: TicketSource;
  /** A priority other than the topic's (the API's "priority"). */
  priorityId?: number;
  /** false: no automatic answer to the requester (mail from a machine, or the API asked for none). */
  autoRespond?: boolean;
  /** false: agents get no mail alert about the new ticket (the API's "alert": false). */
  alertStaff?: boolean;
  /** Runs inside the ticket's transaction, e.g. to record the inbound mail that opened it. */
  afterCreate?: (tx: Tx, created: { ticketId: number; entryId: number; number: string }) => Promise<void>;
};

/** Who opens: the portal's form is anyone (a requester to be), mail is its sender, the API its key. */
function openerKind(source: TicketSource, extras: OpenTicketExtras) {
  if (extras.apiKey) return "apiKey" as const;
  return source === "EMAIL" ? ("mail" as const) : ("requester" as const);
}

export async function openTicket(db: Db, raw: OpenTicketInput, files: StoredFile[] = [], source: TicketSource = "WEB", extras: OpenTicketExtras = {}): Promise<OpenedTicket> {
  // Mail delivers addresses the web form would not take (root@localhost, international ones).
  const input = (source === "EMAIL" ? ZOpenMailTicket : ZOpenTicket).parse(raw);
  if (input.clientKey) {
    const existing = await db.ticket.findUnique({ where: { clientKey: input.clientKey }, select: { number: true, accessKey: true } });
    if (existing) return answerDuplicate(existing, files);
  }
  const topic = await db.helpTopic.findFirst({
    where: { id: input.helpTopicId, active: true, department: { archivedAt: null } },
    include: { department: true, priority: true, slaPlan: true },
  });
  if (!topic || !actorMayOpenTicket(openerKind(source, extras), topic)) throw invalid({ helpTopicId: "Choose one of the listed help topics." });
  const settings = await loadSettings(db);
  const chosenPriority = extras.priorityId ? await db.priority.findUnique({ where: { id: extras.priorityId } }) : null;
  if (extras.priorityId && !chosenPriority) throw invalid({ priority: "unknown priority id" });

  for (let attempt = 1; ; attempt++) {
    try {
      const opened = await db.$transaction(async (tx) => {
        const status = await tx.ticketStatus.findFirst({ where: { kind: "OPEN" }, orderBy: { sortOrder: "asc" } });
        const priority = chosenPriority ?? topic.priority ?? (await tx.priority.findFirst({ where: { isDefault: true } })) ?? (await tx.priority.findFirst({ orderBy: { sortOrder: "desc" } }));
        if (!status || !priority) throw new AppError("UNAVAILABLE", "The help desk is not set up yet (no statuses or priorities).");
        const slaPlan = topic.slaPlan ?? (topic.department.slaPlanId ? await tx.slaPlan.findUnique({ where: { id: topic.department.slaPlanId } }) : null);
        let sequence = 0;
        if (settings.ticketNumberMode === "sequential") {
          const seq = await tx.sequence.upsert({ where: { name: "ticket" }, create: { name: "ticket", value: 1 }, update: { value: { increment: 1 } } });
          sequence = seq.value;
        }
        const number = formatTicketNumber(settings.ticketNumberMode, settings.ticketNumberPrefix, sequence);
        // Anyone can type any address into the public form or a mail's From line, so what is stored
        // about an existing requester never changes here: only agents edit it (requester-edit.ts).
        const requester = await tx.requester.upsert({
          where: { email: input.email },
          create: { email: input.email, name: input.name, phone: input.phone || null },
          update: {},
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
            source: extras.channel ?? source,
            accessKey,
            clientKey: input.clientKey,
            ...slaDueDates(now, slaPlan),
            lastMessageAt: now,
            requesterWroteAt: now,
            createdAt: now,
            updatedAt: now,
          },
        });
        const entry = await tx.threadEntry.create({ data: { ticketId: ticket.id, kind: "MESSAGE", authorRequesterId: requester.id, body: input.message, source, messageId: extras.messageId ?? null, bodyHtml: extras.bodyHtml ?? null } });
        if (files.length) await tx.attachment.createMany({ data: files.map((f) => ({ ...f, ticketId: ticket.id, entryId: entry.id })) });
        const opener = extras.apiKey ?? { kind: openerKind(source, extras) === "mail" ? ("mail" as const) : ("requester" as const), requesterId: requester.id, name: requester.name };
        await tx.historyEvent.create({ data: { ticketId: ticket.id, actorLabel: actorLabel(opener), type: "created", toValue: topic.department.name, ticketVersion: 1, createdAt: now } });
        await extras.afterCreate?.(tx, { ticketId: ticket.id, entryId: entry.id, number });
        await recordEvents(tx, ticket.id, opener, [{ type: "ticket.opened", departmentId: topic.departmentId, autoRespond: extras.autoRespond ?? true, alertStaff: extras.alertStaff ?? true }], now);
        return { number, linkPath: ticketLinkPath(number, accessKey) };
      });
      await afterCommit(db);
      return opened;
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
