// Who may do what. Pure functions, exhaustively unit-tested; services call them and scope every
// query with ticketScope so a ticket outside the actor's reach is simply not found.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { StaffActor } from "./actor";
import type { Permission } from "./permissions";
import type { TicketActor, TicketActorKind } from "./ticket-actor";

/** A follower row: who follows, and the department the ticket was in when they started to. */
export type FollowerFacts = { staffId: number; departmentId: number | null };

export type TicketAccessFacts = { departmentId: number; assigneeId: number | null; teamId: number | null; watchers?: readonly FollowerFacts[] };

/** What visibility needs to know about a staff member: their departments now, not then. */
export type Viewer = Pick<StaffActor, "id" | "isAdmin"> & { departments: ReadonlyMap<number, unknown> };

type TicketWhere = Prisma.TicketWhereInput;

/**
 * Who may see a ticket, and for how long. Each branch below is one reason; a ticket is visible while
 * at least one reason holds, judged on the facts of now (membership, assignment), never on history:
 *
 * - **admin**: every ticket, always.
 * - **department**: members of the ticket's department, while they are members.
 * - **assignee**: the agent it is assigned to, while it is assigned to them (even outside their
 *   departments: whoever assigned it wanted them to work on it). Unassigning ends it.
 * - **follower**: an agent who worked on the ticket or was @mentioned follows it. The follower row
 *   records the department the ticket was in when they started following, and counts only while
 *   they are still a member of that department. So a transfer does not take a ticket away from the
 *   agent who handed it on, but an agent removed from a department loses every ticket they
 *   followed through it, transferred or not; and an @mention of an agent who cannot see the ticket
 *   gives nothing (mentions and notifications are filtered by this same rule).
 *
 * Teams are not a reason: a team organises work inside departments, and assigning a ticket to a
 * team never opens its department to team members from elsewhere. They see it through their own
 * membership of the ticket's department, like everyone else.
 *
 * Deactivated staff cannot sign in; their rows are ignored rather than deleted, so reactivating an
 * agent restores exactly what their memberships then allow.
 *
 * Each branch is written once here, both as a Prisma `where` (ticketScope, the queue's slices, the
 * counts) and as a predicate over a ticket's facts (canSeeTicket, permissionsOn); the test in
 * test/visibility.test.ts checks on generated data, on both databases, that the two agree.
 */
export type VisibilityBranch = {
  reason: "admin" | "department" | "assignee" | "follower";
  /** The tickets this branch admits. */
  where: TicketWhere;
  /** The tickets it does not admit, spelled so that each database can use an index (NULLs included). */
  outside: TicketWhere;
  /** For the follower branch: the actor's follower rows that count, so queues can read the watch list. */
  followerRows?: { staffId: number; departmentId: { in: number[] } };
  admits: (ticket: TicketAccessFacts) => boolean;
};

export function visibilityBranches(viewer: Viewer): VisibilityBranch[] {
  if (viewer.isAdmin) return [{ reason: "admin", where: {}, outside: { id: { in: [] } }, admits: () => true }];
  const departments = [...viewer.departments.keys()];
  const branches: VisibilityBranch[] = [];
  if (departments.length) {
    branches.push({
      reason: "department",
      where: { departmentId: { in: departments } },
      outside: { departmentId: { notIn: departments } },
      admits: (t) => viewer.departments.has(t.departmentId),
    });
  }
  branches.push({
    reason: "assignee",
    where: { assigneeId: viewer.id },
    outside: { OR: [{ assigneeId: null }, { assigneeId: { not: viewer.id } }] },
    admits: (t) => t.assigneeId === viewer.id,
  });
  if (departments.length) {
    const followerRows = { staffId: viewer.id, departmentId: { in: departments } };
    branches.push({
      reason: "follower",
      where: { watchers: { some: followerRows } },
      outside: { watchers: { none: followerRows } },
      followerRows,
      admits: (t) => t.watchers?.some((w) => w.staffId === viewer.id && w.departmentId !== null && viewer.departments.has(w.departmentId)) ?? false,
    });
  }
  return branches;
}

/** Why the viewer sees the ticket (the first reason that holds), or null when they may not. */
export function visibilityReason(viewer: Viewer, ticket: TicketAccessFacts): VisibilityBranch["reason"] | null {
  return visibilityBranches(viewer).find((b) => b.admits(ticket))?.reason ?? null;
}

export function canSeeTicket(viewer: Viewer, ticket: TicketAccessFacts): boolean {
  return visibilityReason(viewer, ticket) !== null;
}

/** A Prisma `where` fragment limiting tickets to those the actor may see. */
export function ticketScope(viewer: Viewer): TicketWhere {
  if (viewer.isAdmin) return {};
  return { OR: visibilityBranches(viewer).map((b) => b.where) };
}

const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["ticket.reply", "ticket.note", "ticket.priority", "ticket.assign", "ticket.transfer", "ticket.status", "ticket.close", "ticket.delete", "canned.manage"]);
/** What an agent may do on a ticket assigned to them outside their departments. */
const ASSIGNEE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["ticket.reply", "ticket.note", "ticket.status"]);
/** A follower outside the ticket's department (it was transferred on) keeps sight of it and may add notes. */
const FOLLOWER_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(["ticket.note"]);
const NONE: ReadonlySet<Permission> = new Set();

export function isStaff(actor: StaffActor | null): actor is StaffActor {
  return actor !== null;
}

export function isAdmin(actor: StaffActor | null): boolean {
  return actor?.isAdmin === true;
}

export function permissionsOn(actor: StaffActor, ticket: TicketAccessFacts): ReadonlySet<Permission> {
  switch (visibilityReason(actor, ticket)) {
    case "admin":
      return ALL_PERMISSIONS;
    case "department":
      return actor.departments.get(ticket.departmentId) ?? NONE;
    case "assignee":
      return ASSIGNEE_PERMISSIONS;
    case "follower":
      return FOLLOWER_PERMISSIONS;
    default:
      return NONE;
  }
}

export function can(actor: StaffActor, permission: Permission, ticket: TicketAccessFacts): boolean {
  return permissionsOn(actor, ticket).has(permission);
}

/** May the actor move a ticket into this department (transfer target)? Any active department. */
export function canTransferTo(actor: StaffActor, ticket: TicketAccessFacts, targetDepartmentId: number): boolean {
  return can(actor, "ticket.transfer", ticket) && targetDepartmentId !== ticket.departmentId;
}

// ── Canned responses ──────────────────────────────────────────────────────────────────────────
// Administrators manage every canned response. An agent manages a department's own responses where
// their role grants canned.manage; never the shared ones (departmentId null), which every
// department sees, so one department cannot change what all others insert.

/** May the actor create, edit or delete canned responses of this department (null: shared by all)? */
export function canManageCanned(actor: StaffActor, departmentId: number | null): boolean {
  if (actor.isAdmin) return true;
  return departmentId !== null && (actor.departments.get(departmentId)?.has("canned.manage") ?? false);
}

/** Departments whose responses the actor manages; null means all of them (an administrator). */
export function cannedDepartments(actor: StaffActor): number[] | null {
  if (actor.isAdmin) return null;
  return [...actor.departments].filter(([, perms]) => perms.has("canned.manage")).map(([id]) => id);
}

/** May the actor open the canned responses pages at all (and see the link to them)? */
export function mayManageAnyCanned(actor: StaffActor): boolean {
  const managed = cannedDepartments(actor);
  return managed === null || managed.length > 0;
}

// ── Actors other than staff ────────────────────────────────────────────────────────────────────
// Staff decisions stay above (permissionsOn); these add the requester, mail, API and system kinds
// so that the one ticket mutation asks one module about every actor. Refuse by default: a kind or
// step not listed here may do nothing.

/** What a requester (by link or by mail) may do to their own ticket. */
export type RequesterStep = "requester.reply" | "requester.close" | "requester.reopen" | "requester.renew-link";
export type TicketStep = Permission | RequesterStep;

const REQUESTER_STEPS: Record<"requester" | "mail", ReadonlySet<TicketStep>> = {
  requester: new Set<TicketStep>(["requester.reply", "requester.close", "requester.reopen", "requester.renew-link"]),
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
