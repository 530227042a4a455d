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
import type { AssignInput, ChangeStatusInput, EscalateInput, NoteInput, ReplyInput, SetPriorityInput, TransferInput } from "./schemas";
import { ZAssign, ZChangeStatus, ZEscalate, ZNote, ZReply, ZSetPriority, ZTransfer } from "./schemas";
import { mentionedUsernames, permissionForTransition, requiresResolutionNote, type StatusKind } from "./workflow";

type Result = { id: number; number: string; version: number };

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
  return mutateTicket(db, actor, input, "ticket.reply", async (ticket, tx) => {
    if (!ticket.isOpen && input.statusAfter !== "OPEN") throw invalid({ body: "This ticket is closed. Reopen it (choose “Open” below) to reply." }, "This ticket is closed.");
    const now = new Date();
    const entry = await createEntry(tx, ticket, actor, "REPLY", input.body, input.clientKey, files, origin);
    const mutation: Mutation = { data: { lastMessageAt: now, firstRespondedAt: ticket.firstRespondedAt ?? now }, events: [{ type: "replied" }], emit: [{ type: "agent.replied", entryId: entry.id }] };
    if (input.statusAfter && input.statusAfter !== ticket.status.kind) {
      const kind = input.statusAfter as StatusKind;
      if (!can(actor, permissionForTransition(kind), { ...ticket, watcherIds: ticket.watchers.map((w) => w.staffId) })) {
        throw invalid({ statusAfter: "You may not set that status on this ticket." });
      }
      const target = await statusByKind(tx, kind);
      mutation.status = { id: target.id, name: target.name, kind };
      mutation.events.push({ type: "status", fromValue: ticket.status.name, toValue: target.name });
      mutation.emit!.push(statusChanged(ticket, { name: target.name, kind }, true));
    }
    return mutation;
  });
}

export async function addNote(db: Db, actor: StaffActor, raw: NoteInput, files: StoredFile[] = [], origin?: EntryOrigin): Promise<Result> {
  const input = ZNote.parse(raw);
  const done = await entryAlreadyPosted(db, input.clientKey);
  if (done) return done;
  return mutateTicket(db, actor, input, "ticket.note", async (ticket, tx) => {
    const entry = await createEntry(tx, ticket, actor, "NOTE", input.body, input.clientKey, files, origin);
    const usernames = mentionedUsernames(input.body);
    const mentioned = usernames.length ? await tx.staff.findMany({ where: { username: { in: usernames }, active: true }, select: { id: true } }) : [];
    const ids = mentioned.map((m) => m.id);
    return {
      events: [{ type: "noted" }],
      watchers: ids,
      emit: [{ type: "note.added", entryId: entry.id, mentionedStaffIds: ids, excerpt: input.body.slice(0, 500) }],
    };
  });
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
        emit: [{ type: "assigned", assigneeId: null, teamId: team.id, toName: team.name, staffIds: members.map((m) => m.staffId) }],
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
  if (requiresResolutionNote(kind) && !input.note) throw invalid({ note: "Write a resolution note: what was wrong and what fixed it." });
  return mutateTicket(db, actor, input, permissionForTransition(kind), async (ticket, tx) => {
    if (target.id === ticket.statusId) throw invalid({ statusId: `The ticket is already ${target.name}.` });
    if (input.note) await createEntry(tx, ticket, actor, "NOTE", kind === "RESOLVED" ? `Resolution: ${input.note}` : input.note, undefined, []);
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
