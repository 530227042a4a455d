// Who may do what. Pure functions, exhaustively unit-tested; services call them and scope every
// query with ticketScope so a ticket outside the actor's reach is simply not found.
import type { StaffActor } from "./actor";
import { departmentIds } from "./actor";
import type { Permission } from "./permissions";
import type { TicketActor, TicketActorKind } from "./ticket-actor";

export type TicketAccessFacts = { departmentId: number; assigneeId: number | null; teamId: number | null; watcherIds?: readonly number[] };

/** What an agent may do on a ticket assigned to them (or their team) outside their departments. */
const ASSIGNEE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["ticket.reply", "ticket.note", "ticket.status"]);
/** A watcher (worked on it before a transfer, or was @mentioned) keeps sight of it and may add notes. */
const WATCHER_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["ticket.note"]);

function isAssigneeOrTeam(actor: StaffActor, ticket: TicketAccessFacts): boolean {
  return ticket.assigneeId === actor.id || (ticket.teamId !== null && actor.teamIds.includes(ticket.teamId));
}

export function isStaff(actor: StaffActor | null): actor is StaffActor {
  return actor !== null;
}

export function isAdmin(actor: StaffActor | null): boolean {
  return actor?.isAdmin === true;
}

export function canSeeTicket(actor: StaffActor, ticket: TicketAccessFacts): boolean {
  if (actor.isAdmin) return true;
  if (actor.departments.has(ticket.departmentId)) return true;
  if (isAssigneeOrTeam(actor, ticket)) return true;
  return ticket.watcherIds?.includes(actor.id) ?? false;
}

export function permissionsOn(actor: StaffActor, ticket: TicketAccessFacts): ReadonlySet<Permission> {
  if (!canSeeTicket(actor, ticket)) return new Set();
  const inDepartment = actor.departments.get(ticket.departmentId);
  if (actor.isAdmin) return new Set<Permission>(["ticket.reply", "ticket.note", "ticket.priority", "ticket.assign", "ticket.transfer", "ticket.status", "ticket.close", "ticket.delete", "canned.manage"]);
  if (inDepartment) return inDepartment;
  return isAssigneeOrTeam(actor, ticket) ? ASSIGNEE_PERMISSIONS : WATCHER_PERMISSIONS;
}

export function can(actor: StaffActor, permission: Permission, ticket: TicketAccessFacts): boolean {
  return permissionsOn(actor, ticket).has(permission);
}

/** May the actor move a ticket into this department (transfer target)? Any active department. */
export function canTransferTo(actor: StaffActor, ticket: TicketAccessFacts, targetDepartmentId: number): boolean {
  return can(actor, "ticket.transfer", ticket) && targetDepartmentId !== ticket.departmentId;
}

/** A Prisma `where` fragment limiting tickets to those the actor may see. */
export function ticketScope(actor: StaffActor) {
  if (actor.isAdmin) return {};
  const or: Record<string, unknown>[] = [{ assigneeId: actor.id }];
  const depts = departmentIds(actor);
  if (depts.length) or.unshift({ departmentId: { in: depts } });
  if (actor.teamIds.length) or.push({ teamId: { in: actor.teamIds } });
  or.push({ watchers: { some: { staffId: actor.id } } });
  return { OR: or };
}

// ── Actors other than staff ────────────────────────────────────────────────────────────────────
// Staff decisions stay above (permissionsOn); these add the requester, mail, API and system kinds
// so that the one ticket mutation asks one module about every actor. Refuse by default: a kind or
// step not listed here may do nothing.

/** What a requester (by link or by mail) may do to their own ticket. */
export type RequesterStep = "requester.reply" | "requester.close" | "requester.reopen";
export type TicketStep = Permission | RequesterStep;

const REQUESTER_STEPS: Record<"requester" | "mail", ReadonlySet<TicketStep>> = {
  requester: new Set<TicketStep>(["requester.reply", "requester.close", "requester.reopen"]),
  // A mail can answer and, by answering, reopen; closing takes the private link.
  mail: new Set<TicketStep>(["requester.reply", "requester.reopen"]),
};
/** Scheduled jobs move tickets along (status, priority, assignment); they never write to the requester or delete. */
const SYSTEM_STEPS: ReadonlySet<TicketStep> = new Set<TicketStep>(["ticket.status", "ticket.close", "ticket.priority", "ticket.assign", "ticket.transfer", "ticket.note"]);

export function actorMayActOnTicket(actor: TicketActor, step: TicketStep, ticket: TicketAccessFacts & { requesterId: number }): boolean {
  switch (actor.kind) {
    case "staff":
      return !step.startsWith("requester.") && can(actor, step as Permission, ticket);
    case "requester":
    case "mail":
      return ticket.requesterId === actor.requesterId && REQUESTER_STEPS[actor.kind].has(step);
    case "apiKey":
      // Keys open tickets (actorMayOpenTicket); changing existing ones needs a scope no key has yet.
      return false;
    case "system":
      return SYSTEM_STEPS.has(step);
  }
}

/** May this kind of actor open a ticket under a topic? The portal lists only public topics; mail and the API may file under any active one. */
export function actorMayOpenTicket(kind: TicketActorKind, topic: { isPublic: boolean }): boolean {
  if (kind === "requester") return topic.isPublic;
  return kind === "mail" || kind === "apiKey" || kind === "staff" || kind === "system";
}
