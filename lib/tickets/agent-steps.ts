import "server-only";
// The agent's workflow steps, one function per use case. Each goes through mutateTicket, so each
// is scoped, permission-checked, version-checked, recorded in history and done in one transaction.
import type { StaffActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { AppError, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import type { StoredFile } from "@/lib/attachments/storage";
import { enqueueTicketMail } from "@/lib/mail/enqueue";
import type { HistoryInput } from "./history";
import { mutateTicket, type LoadedTicket, type Mutation } from "./mutate";
import type { AssignInput, ChangeStatusInput, EscalateInput, NoteInput, ReplyInput, SetPriorityInput, TransferInput } from "./schemas";
import { ZAssign, ZChangeStatus, ZEscalate, ZNote, ZReply, ZSetPriority, ZTransfer } from "./schemas";
import { canTransition, isOpenKind, mentionedUsernames, permissionForTransition, replyConflictsWith, resolutionOf, stateWord, transitionVerb, type StatusKind } from "./workflow";

/** `changedMeanwhile`: what others changed since the form opened that the step was allowed to outlive. */
type Result = { id: number; number: string; version: number; changedMeanwhile?: string[] };

async function entryAlreadyPosted(db: Db, clientKey: string | undefined): Promise<Result | null> {
  if (!clientKey) return null;
  const entry = await db.threadEntry.findUnique({ where: { clientKey }, select: { ticket: { select: { id: true, number: true, version: true } } } });
  return entry ? entry.ticket : null;
}

async function statusByKind(tx: Tx, kind: StatusKind) {
  const status = await tx.ticketStatus.findFirst({ where: { kind }, orderBy: { sortOrder: "asc" } });
  if (!status) throw new AppError("INVALID", `No ${kind.toLowerCase()} status is configured.`);
  return status;
}

/**
 * The data and history of a status change, shared by "reply and resolve" and "change status".
 * `resolution` is what the requester was told (the resolving reply); reopening forgets it.
 */
function statusChange(ticket: LoadedTicket, to: { id: number; name: string; kind: StatusKind }, now: Date, resolution: string | null): { data: Record<string, unknown>; event: HistoryInput } {
  const from = ticket.status.kind as StatusKind;
  if (!canTransition(from, to.kind) && from !== to.kind) throw invalid({ statusId: `A ${ticket.status.name.toLowerCase()} ticket cannot be ${transitionVerb(from, to.kind)}.` });
  const open = isOpenKind(to.kind);
  return {
    data: {
      statusId: to.id,
      isOpen: open,
      resolvedAt: to.kind === "RESOLVED" ? now : open ? null : ticket.resolvedAt,
      resolution: to.kind === "RESOLVED" ? resolution : open ? null : ticket.resolution,
      closedAt: open ? null : (ticket.closedAt ?? now),
    },
    event: { type: "status", fromValue: ticket.status.name, toValue: to.name, detail: to.kind === "RESOLVED" ? resolution : null },
  };
}

function resolvedNotice(ticket: LoadedTicket, actor: StaffActor) {
  return { type: "resolved" as const, staffIds: ticket.watchers.map((w) => w.staffId), message: `${actor.name} resolved #${ticket.number} “${ticket.subject}”` };
}

/** How an entry arrived when not from the web form: an agent's mail (lib/mail/inbound/staff-reply.ts). */
export type EntryOrigin = {
  /** The mail's Message-ID: a redelivery of the same mail is then a duplicate, and answers thread by it. */
  messageId: string | null;
  /** Runs inside the step's transaction after the entry is written (the inbound row is recorded there). */
  afterWrite?: (tx: Tx) => Promise<void>;
};

async function createEntry(tx: Tx, ticket: LoadedTicket, actor: StaffActor, kind: "REPLY" | "NOTE", body: string, clientKey: string | undefined, files: StoredFile[], origin?: EntryOrigin) {
  const entry = await tx.threadEntry.create({ data: { ticketId: ticket.id, kind, authorStaffId: actor.id, body, clientKey, ...(origin ? { source: "EMAIL" as const, messageId: origin.messageId } : {}) } });
  await origin?.afterWrite?.(tx);
  if (files.length) await tx.attachment.createMany({ data: files.map((f) => ({ ...f, ticketId: ticket.id, entryId: entry.id })) });
  return entry;
}

export async function replyToTicket(db: Db, actor: StaffActor, raw: ReplyInput, files: StoredFile[] = [], origin?: EntryOrigin): Promise<Result> {
  const input = ZReply.parse(raw);
  const done = await entryAlreadyPosted(db, input.clientKey);
  if (done) return done;
  // A reply outlives a change of priority made while it was written; a change of status or
  // assignment, or a new entry in the thread, may make it wrong, so those refuse it.
  return mutateTicket(db, actor, input, "ticket.reply", async (ticket, tx) => {
    if (!ticket.isOpen && input.statusAfter !== "OPEN") {
      const word = stateWord(ticket.status.kind as StatusKind);
      throw invalid({ body: `This ticket is ${word}. Send and reopen it to reply.` }, `This ticket is ${word}.`);
    }
    const now = new Date();
    const entry = await createEntry(tx, ticket, actor, "REPLY", input.body, input.clientKey, files, origin);
    await enqueueTicketMail(tx, { type: "replied", ticketId: ticket.id, entryId: entry.id });
    const mutation: Mutation = { data: { lastMessageAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now }, events: [{ type: "replied" }] };
    if (input.statusAfter && input.statusAfter !== ticket.status.kind) {
      const kind = input.statusAfter as StatusKind;
      if (!can(actor, permissionForTransition(kind), { ...ticket, watcherIds: ticket.watchers.map((w) => w.staffId) })) {
        throw invalid({ statusAfter: "You may not set that status on this ticket." });
      }
      const change = statusChange(ticket, await statusByKind(tx, kind), now, resolutionOf(kind, input.body).resolution);
      Object.assign(mutation.data!, change.data);
      mutation.events.push(change.event);
      if (kind === "RESOLVED") {
        await enqueueTicketMail(tx, { type: "resolved", ticketId: ticket.id });
        mutation.notify = [resolvedNotice(ticket, actor)];
      }
    }
    return mutation;
  }, { tolerates: (changes) => !replyConflictsWith(changes) });
}

export async function addNote(db: Db, actor: StaffActor, raw: NoteInput, files: StoredFile[] = [], origin?: EntryOrigin): Promise<Result> {
  const input = ZNote.parse(raw);
  const done = await entryAlreadyPosted(db, input.clientKey);
  if (done) return done;
  return mutateTicket(db, actor, input, "ticket.note", async (ticket, tx) => {
    await createEntry(tx, ticket, actor, "NOTE", input.body, input.clientKey, files, origin);
    const usernames = mentionedUsernames(input.body);
    const mentioned = usernames.length ? await tx.staff.findMany({ where: { username: { in: usernames }, active: true }, select: { id: true } }) : [];
    const ids = mentioned.map((m) => m.id);
    if (ids.length) await enqueueTicketMail(tx, { type: "mentioned", ticketId: ticket.id, staffIds: ids, actorId: actor.id, excerpt: input.body });
    return {
      events: [{ type: "noted" }],
      watchers: ids,
      notify: ids.length ? [{ type: "mentioned", staffIds: ids, message: `${actor.name} mentioned you in a note on #${ticket.number} “${ticket.subject}”` }] : [],
    };
  });
}

export async function setPriority(db: Db, actor: StaffActor, raw: SetPriorityInput): Promise<Result> {
  const input = ZSetPriority.parse(raw);
  return mutateTicket(db, actor, input, "ticket.priority", async (ticket, tx) => {
    const priority = await tx.priority.findUnique({ where: { id: input.priorityId } });
    if (!priority) throw invalid({ priorityId: "That priority no longer exists." });
    if (priority.id === ticket.priorityId) throw invalid({ priorityId: `The ticket is already ${priority.name}.` });
    return { data: { priorityId: priority.id, priorityOrder: priority.sortOrder }, events: [{ type: "priority", fromValue: ticket.priority.name, toValue: priority.name }] };
  });
}

export async function assignTicket(db: Db, actor: StaffActor, raw: AssignInput): Promise<Result> {
  const input = ZAssign.parse(raw);
  return mutateTicket(db, actor, input, "ticket.assign", async (ticket, tx) => {
    const before = ticket.assignee?.name ?? ticket.team?.name ?? null;
    if (input.assignee === "none") {
      if (!before) throw invalid({ assignee: "The ticket is not assigned." });
      return { data: { assigneeId: null, teamId: null }, events: [{ type: "assigned", fromValue: before, toValue: null }] };
    }
    if (input.assignee.startsWith("team:")) {
      const team = await tx.team.findFirst({ where: { id: Number(input.assignee.slice(5)), active: true } });
      if (!team) throw invalid({ assignee: "That team does not exist." });
      const members = await tx.teamMember.findMany({ where: { teamId: team.id }, select: { staffId: true } });
      await enqueueTicketMail(tx, { type: "assigned", ticketId: ticket.id, staffIds: members.map((m) => m.staffId), actorId: actor.id });
      return {
        data: { teamId: team.id, assigneeId: null },
        events: [{ type: "assigned", fromValue: before, toValue: team.name }],
        notify: [{ type: "assigned", staffIds: members.map((m) => m.staffId), message: `#${ticket.number} “${ticket.subject}” was assigned to your team ${team.name}` }],
      };
    }
    const staffId = input.assignee === "me" ? actor.id : Number(input.assignee.slice(6));
    // An assignee must be able to reach the ticket's department (or be an admin).
    const staff = await tx.staff.findFirst({ where: { id: staffId, active: true, OR: [{ kind: "ADMIN" }, { departments: { some: { departmentId: ticket.departmentId } } }] } });
    if (!staff) throw invalid({ assignee: `That agent is not a member of ${ticket.department.name}.` });
    if (staff.id === ticket.assigneeId) throw invalid({ assignee: `The ticket is already assigned to ${staff.name}.` });
    await enqueueTicketMail(tx, { type: "assigned", ticketId: ticket.id, staffIds: [staff.id], actorId: actor.id });
    return {
      data: { assigneeId: staff.id, teamId: null },
      events: [{ type: "assigned", fromValue: before, toValue: staff.name }],
      notify: [{ type: "assigned", staffIds: [staff.id], message: `${actor.name} assigned #${ticket.number} “${ticket.subject}” to you` }],
    };
  });
}

export async function transferTicket(db: Db, actor: StaffActor, raw: TransferInput): Promise<Result> {
  const input = ZTransfer.parse(raw);
  return mutateTicket(db, actor, input, "ticket.transfer", async (ticket, tx) => {
    if (input.departmentId === ticket.departmentId) throw invalid({ departmentId: `The ticket is already in ${ticket.department.name}.` });
    const target = await tx.department.findFirst({ where: { id: input.departmentId, archivedAt: null } });
    if (!target) throw invalid({ departmentId: "That department does not exist." });
    // The assignee stays only if they can work in the new department.
    const keepAssignee = ticket.assigneeId ? await tx.staffDepartment.findFirst({ where: { staffId: ticket.assigneeId, departmentId: target.id } }) : null;
    const events: HistoryInput[] = [{ type: "transferred", fromValue: ticket.department.name, toValue: target.name, detail: input.reason }];
    if (ticket.assignee && !keepAssignee) events.push({ type: "assigned", fromValue: ticket.assignee.name, toValue: null });
    await enqueueTicketMail(tx, { type: "transferred", ticketId: ticket.id, departmentId: target.id, actorId: actor.id, reason: input.reason });
    return {
      data: { departmentId: target.id, assigneeId: keepAssignee ? ticket.assigneeId : null },
      events,
      notify: [{ type: "transferred", departmentId: target.id, message: `${actor.name} transferred #${ticket.number} “${ticket.subject}” to ${target.name}: ${input.reason}` }],
    };
  });
}

export async function changeStatus(db: Db, actor: StaffActor, raw: ChangeStatusInput): Promise<Result> {
  const input = ZChangeStatus.parse(raw);
  const target = await db.ticketStatus.findUnique({ where: { id: input.statusId } });
  if (!target) throw invalid({ statusId: "That status no longer exists." });
  const kind = target.kind as StatusKind;
  // The same rule as a reply that resolves: the resolution is a message to the requester.
  const { resolution, missing } = resolutionOf(kind, input.note);
  if (missing) throw invalid({ note: "Write the resolution for the requester: what was wrong and what fixed it." });
  return mutateTicket(db, actor, input, permissionForTransition(kind), async (ticket, tx) => {
    if (target.id === ticket.statusId) throw invalid({ statusId: `The ticket is already ${target.name}.` });
    const now = new Date();
    const change = statusChange(ticket, { id: target.id, name: target.name, kind }, now, resolution);
    if (resolution) {
      if (!can(actor, "ticket.reply", { ...ticket, watcherIds: ticket.watchers.map((w) => w.staffId) })) throw invalid({ note: "You may not write to the requester on this ticket, so you cannot resolve it." });
      const entry = await createEntry(tx, ticket, actor, "REPLY", resolution, undefined, []);
      await enqueueTicketMail(tx, { type: "replied", ticketId: ticket.id, entryId: entry.id });
      Object.assign(change.data, { lastMessageAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now });
      await enqueueTicketMail(tx, { type: "resolved", ticketId: ticket.id });
    } else if (input.note) {
      await createEntry(tx, ticket, actor, "NOTE", input.note, undefined, []);
    }
    return {
      data: change.data,
      events: resolution ? [{ type: "replied" }, change.event] : [{ ...change.event, detail: input.note || null }],
      notify: kind === "RESOLVED" ? [resolvedNotice(ticket, actor)] : [],
    };
  });
}

export async function escalateTicket(db: Db, actor: StaffActor, raw: EscalateInput): Promise<Result> {
  const input = ZEscalate.parse(raw);
  return mutateTicket(db, actor, input, "ticket.priority", async (ticket, tx) => {
    if (!ticket.isOpen) throw invalid({ reason: "Only an open ticket can be escalated." });
    const higher = await tx.priority.findFirst({ where: { sortOrder: { lt: ticket.priorityOrder } }, orderBy: { sortOrder: "desc" } });
    const events: HistoryInput[] = [{ type: "escalated", toValue: higher?.name ?? ticket.priority.name, detail: input.reason }];
    if (higher) events.push({ type: "priority", fromValue: ticket.priority.name, toValue: higher.name });
    const manager = await tx.department.findUnique({ where: { id: ticket.departmentId }, select: { managerId: true } });
    const staffIds = [manager?.managerId, ticket.assigneeId].filter((x): x is number => typeof x === "number");
    return {
      data: { escalatedAt: new Date(), ...(higher ? { priorityId: higher.id, priorityOrder: higher.sortOrder } : {}) },
      events,
      notify: staffIds.length ? [{ type: "escalated", staffIds, message: `${actor.name} escalated #${ticket.number} “${ticket.subject}”: ${input.reason}` }] : [{ type: "escalated", departmentId: ticket.departmentId, message: `${actor.name} escalated #${ticket.number} “${ticket.subject}”: ${input.reason}` }],
    };
  });
}
