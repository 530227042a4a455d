// Queue counts without scanning the table: each scope branch is counted on its own index, with the
// branches before it excluded so no ticket counts twice, and every count stops at a cap ("10,000+").
import type { StaffActor } from "@/lib/auth/actor";
import { visibilityBranches } from "@/lib/auth/policy";
import type { Db } from "@/lib/server/prisma";
import { queueFilter, withinScope } from "./queue-query";
import type { QueueParams } from "./schemas";

export const COUNT_CAP = 10_000;

export type Count = { value: number; capped: boolean };

type Where = Record<string, unknown>;

/**
 * Prisma orders a capped count (`take`) by id unless told otherwise, so the database sorts every
 * match before it can stop at the cap (all closed tickets, on the "closed" tab). Ordering by
 * isOpen, which the filter pins to one value, is no order at all to SQLite and PostgreSQL: they
 * count straight off the filter's index and stop at the cap.
 */
function countTickets(db: Db, where: Where, cap: number, pinsIsOpen: boolean): Promise<number> {
  return db.ticket.count({ where, take: cap, orderBy: pinsIsOpen ? { isOpen: "asc" } : undefined });
}

/**
 * Tickets on some of the actor's follower rows, counted from their watch list (an index range on
 * staffId): the EXISTS that Prisma writes for `watchers: { some }` tests every ticket of the queue,
 * or of the whole table when the filter does not pin isOpen.
 */
function countWatched(db: Db, rows: { staffId: number; departmentId?: { in: number[] } }, where: Where, cap: number, openOnly: boolean): Promise<number> {
  return db.ticketWatcher.count({ where: { ...rows, ...(openOnly ? { ticketIsOpen: true } : {}), ticket: where }, take: cap });
}

/**
 * Disjoint slices of what the actor sees, each counted on its own index: one per visibility branch
 * (lib/auth/policy.ts), with the tickets of the branches before it excluded so none counts twice.
 */
function disjointCounts(db: Db, actor: StaffActor, where: Where, cap: number): Promise<number>[] {
  const { watchers, ...rest } = where;
  const pinned = typeof where.isOpen === "boolean";
  const openOnly = where.isOpen === true;
  // The "following" tab: the actor's watch list, of which only what they may still see.
  if (watchers) return [countWatched(db, { staffId: actor.id }, withinScope(actor, rest), cap, openOnly)];
  // Admins see everything, and an actor always sees what is assigned to them.
  if (actor.isAdmin || where.assigneeId === actor.id) return [countTickets(db, where, cap, pinned)];
  const branches = visibilityBranches(actor);
  return branches.map((branch, i) => {
    const notCountedYet = { AND: [where, ...branches.slice(0, i).map((b) => b.outside)] };
    return branch.followerRows ? countWatched(db, branch.followerRows, notCountedYet, cap, openOnly) : countTickets(db, { AND: [notCountedYet, branch.where] }, cap, pinned);
  });
}

export async function countInScope(db: Db, actor: StaffActor, where: Where, cap = COUNT_CAP): Promise<Count> {
  const counts = await Promise.all(disjointCounts(db, actor, where, cap));
  const value = counts.reduce((a, b) => a + b, 0);
  return { value: Math.min(value, cap), capped: value >= cap };
}

export function formatCount(c: Count): string {
  return c.capped ? `${c.value.toLocaleString("en")}+` : c.value.toLocaleString("en");
}

const base: Omit<QueueParams, "queue"> = { sort: "updated" };

/**
 * The tabs that show a count. "Resolved and closed" shows none: it grows without end, so its count
 * would be "10,000+" for most help desks and would cost the most of all to find out.
 */
export const COUNTED_QUEUES = ["open", "mine", "unassigned", "overdue", "watching"] as const;
export type CountedQueue = (typeof COUNTED_QUEUES)[number];

export async function queueCounts(db: Db, actor: StaffActor): Promise<Record<CountedQueue, Count>> {
  const names = COUNTED_QUEUES;
  const values = await Promise.all(names.map((queue) => countInScope(db, actor, queueFilter(actor, { ...base, queue }))));
  return Object.fromEntries(names.map((n, i) => [n, values[i]])) as Record<CountedQueue, Count>;
}

export async function departmentOpenCounts(db: Db, actor: StaffActor) {
  const departments = await db.department.findMany({
    where: { archivedAt: null, ...(actor.isAdmin ? {} : { id: { in: [...actor.departments.keys()] } }) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const counts = await Promise.all(departments.map((d) => countTickets(db, { departmentId: d.id, isOpen: true }, COUNT_CAP, true)));
  return departments.map((d, i) => ({ ...d, count: { value: counts[i], capped: counts[i] >= COUNT_CAP } }));
}
