import "server-only";
// The agent's workflow steps, one function per use case. Each goes through mutateTicket, so each
// is scoped, permission-checked, version-checked, recorded in history and done in one transaction.
import type { StaffActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { AppError, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import type { StoredFile } from "@/lib/attachments/storage";
import type { TicketEventInput } from "./events";
import type { HistoryInput } from "./history";
import { mutateTicket, type LoadedTicket, type Mutation } from "./mutate";
import { staffWhoMaySee } from "./readers";
import type { AssignInput, ChangeStatusInput, EscalateInput, NoteInput, ReplyInput, SetPriorityInput, TransferInput } from "./schemas";
import { ZAssign, ZChangeStatus, ZEscalate, ZNote, ZReply, ZSetPriority, ZTransfer } from "./schemas";
import { mentionedUsernames, permissionForTransition, replyConflictsWith, resolutionOf, stateWord, type StatusKind } from "./workflow";

/** `changedMeanwhile`: what others changed since the form opened that the step was allowed to outlive. */
type Result = { id: number; number: string; version: number; changedMeanwhile?: string[] };
/** A note's result also names the colleagues it mentioned who may not open the ticket (so were not told). */
type NoteResult = Result & { mentionedWithoutAccess?: string[] };

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

/** The event of a status change; a reply that changes the status says so (the reply is what the requester hears). */
function statusChanged(ticket: LoadedTicket, to: { name: string; kind: StatusKind }, withReply = false): TicketEventInput {
  return { type: "status.changed", from: ticket.status.kind as StatusKind, to: to.kind, toName: to.name, watcherIds: ticket.watchers.map((w) => w.staffId), ...(withReply ? { withReply } : {}) };
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
    const mutation: Mutation = { data: { lastMessageAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now }, events: [{ type: "replied" }], emit: [{ type: "agent.replied", entryId: entry.id }] };
    if (input.statusAfter && input.statusAfter !== ticket.status.kind) {
      const kind = input.statusAfter as StatusKind;
      if (!can(actor, permissionForTransition(kind), ticket)) {
        throw invalid({ statusAfter: "You may not set that status on this ticket." });
      }
      const target = await statusByKind(tx, kind);
      const { resolution } = resolutionOf(kind, input.body);
      mutation.status = { id: target.id, name: target.name, kind };
      if (resolution) mutation.data!.resolution = resolution;
      mutation.events.push({ type: "status", fromValue: ticket.status.name, toValue: target.name, detail: resolution });
      mutation.emit!.push(statusChanged(ticket, { name: target.name, kind }, true));
    }
    return mutation;
  }, { tolerates: (changes) => !replyConflictsWith(changes) });
}

export async function addNote(db: Db, actor: StaffActor, raw: NoteInput, files: StoredFile[] = [], origin?: EntryOrigin): Promise<NoteResult> {
  const input = ZNote.parse(raw);
  const done = await entryAlreadyPosted(db, input.clientKey);
  if (done) return done;
  let withoutAccess: string[] = [];
  const result = await mutateTicket(db, actor, input, "ticket.note", async (ticket, tx) => {
    const entry = await createEntry(tx, ticket, actor, "NOTE", input.body, input.clientKey, files, origin);
    const usernames = mentionedUsernames(input.body);
    const mentioned = usernames.length ? await tx.staff.findMany({ where: { username: { in: usernames }, active: true }, select: { id: true, username: true } }) : [];
    // Mentioning an agent who may not open the ticket tells them nothing and opens nothing; the
    // author is told who was left out, so they can transfer or add them some other way.
    const ids = await staffWhoMaySee(tx, ticket.id, mentioned.map((m) => m.id));
    withoutAccess = mentioned.filter((m) => m.id !== actor.id && !ids.includes(m.id)).map((m) => m.username);
    return {
      events: [{ type: "noted" }],
      watchers: ids,
      emit: [{ type: "note.added", entryId: entry.id, mentionedStaffIds: ids, excerpt: input.body.slice(0, 500) }],
    };
    // A note only adds to the thread: nothing it says is undone by, or undoes, a change made while
    // it was written. It is added and the author is told what changed.
  }, { tolerates: () => true });
  return withoutAccess.length ? { ...result, mentionedWithoutAccess: withoutAccess } : result;
}

export async function setPriority(db: Db, actor: StaffActor, raw: SetPriorityInput): Promise<Result> {
  const input = ZSetPriority.parse(raw);
  return mutateTicket(db, actor, input, "ticket.priority", async (ticket, tx) => {
    const priority = await tx.priority.findUnique({ where: { id: input.priorityId } });
    if (!priority) throw invalid({ priorityId: "That priority no longer exists." });
    if (priority.id === ticket.priorityId) throw invalid({ priorityId: `The ticket is already ${priority.name}.` });
    return {
      data: { priorityId: priority.id, priorityOrder: priority.sortOrder },
      events: [{ type: "priority", fromValue: ticket.priority.name, toValue: priority.name }],
      emit: [{ type: "priority.changed", fromName: ticket.priority.name, toName: priority.name }],
    };
  });
}

export async function assignTicket(db: Db, actor: StaffActor, raw: AssignInput): Promise<Result> {
  const input = ZAssign.parse(raw);
  return mutateTicket(db, actor, input, "ticket.assign", async (ticket, tx) => {
    const before = ticket.assignee?.name ?? ticket.team?.name ?? null;
    if (input.assignee === "none") {
      if (!before) throw invalid({ assignee: "The ticket is not assigned." });
      return { data: { assigneeId: null, teamId: null }, events: [{ type: "assigned", fromValue: before, toValue: null }], emit: [{ type: "assigned", assigneeId: null, teamId: null, toName: null, staffIds: [] }] };
    }
    if (input.assignee.startsWith("team:")) {
      const team = await tx.team.findFirst({ where: { id: Number(input.assignee.slice(5)), active: true } });
      if (!team) throw invalid({ assignee: "That team does not exist." });
      const members = await tx.teamMember.findMany({ where: { teamId: team.id }, select: { staffId: true } });
      return {
        data: { teamId: team.id, assigneeId: null },
        events: [{ type: "assigned", fromValue: before, toValue: team.name }],
        emit: [{ type: "assigned", assigneeId: null, teamId: team.id, toName: team.name, staffIds: await staffWhoMaySee(tx, ticket.id, members.map((m) => m.staffId)) }],
      };
    }
    const staffId = input.assignee === "me" ? actor.id : Number(input.assignee.slice(6));
    // An assignee must be able to reach the ticket's department (or be an admin).
    const staff = await tx.staff.findFirst({ where: { id: staffId, active: true, OR: [{ kind: "ADMIN" }, { departments: { some: { departmentId: ticket.departmentId } } }] } });
    if (!staff) throw invalid({ assignee: `That agent is not a member of ${ticket.department.name}.` });
    if (staff.id === ticket.assigneeId) throw invalid({ assignee: `The ticket is already assigned to ${staff.name}.` });
    return {
      data: { assigneeId: staff.id, teamId: null },
      events: [{ type: "assigned", fromValue: before, toValue: staff.name }],
      emit: [{ type: "assigned", assigneeId: staff.id, teamId: null, toName: staff.name, staffIds: [staff.id] }],
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
    return {
      data: { departmentId: target.id, assigneeId: keepAssignee ? ticket.assigneeId : null },
      events,
      emit: [{ type: "transferred", fromDepartmentId: ticket.departmentId, toDepartmentId: target.id, toName: target.name, reason: input.reason }],
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
    if (resolution) {
      if (!can(actor, "ticket.reply", ticket)) throw invalid({ note: "You may not write to the requester on this ticket, so you cannot resolve it." });
      const entry = await createEntry(tx, ticket, actor, "REPLY", resolution, undefined, []);
      return {
        status: { id: target.id, name: target.name, kind },
        data: { resolution, lastMessageAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now },
        events: [{ type: "replied" }, { type: "status", fromValue: ticket.status.name, toValue: target.name, detail: resolution }],
        emit: [{ type: "agent.replied", entryId: entry.id }, statusChanged(ticket, { name: target.name, kind }, true)],
      };
    }
    if (input.note) await createEntry(tx, ticket, actor, "NOTE", input.note, undefined, []);
    return {
      status: { id: target.id, name: target.name, kind },
      events: [{ type: "status", fromValue: ticket.status.name, toValue: target.name, detail: input.note || null }],
      emit: [statusChanged(ticket, { name: target.name, kind })],
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
      emit: [{ type: "escalated", reason: input.reason, staffIds, departmentId: ticket.departmentId }],
    };
  });
}
