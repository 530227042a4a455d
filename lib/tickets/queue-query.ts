// Queue pages with keyset pagination. An agent's scope is a union (lib/auth/policy.ts: their
// departments, tickets assigned to them, tickets they follow); one query per branch, each served by its
// own index in sort order, merged here, keeps every page an index range scan at any depth.
// Branches return only the sort keys; the page's rows are then loaded once, so the relations
// (status, priority, names) cost one query each per page rather than one per branch.
import type { StaffActor } from "@/lib/auth/actor";
import { ticketScope, visibilityBranches } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "@/lib/server/prisma";
import { containsText } from "@/lib/server/contains-text";
import type { QueueParams } from "./schemas";
import { isOverdue } from "./workflow";

export const PAGE_SIZE = 50;

type SortKey = QueueParams["sort"];
type Row = { id: number; updatedAt: Date; createdAt: Date; priorityOrder: number; dueAt: Date | null };

/** The cursor is the last row's sort values: opaque to the user, validated on the way in. */
export function encodeCursor(sort: SortKey, row: Row): string {
  const value = sort === "created" ? row.createdAt.getTime() : sort === "priority" ? `${row.priorityOrder}:${row.updatedAt.getTime()}` : sort === "due" ? (row.dueAt?.getTime() ?? "none") : row.updatedAt.getTime();
  return Buffer.from(`${sort}|${value}|${row.id}`).toString("base64url");
}

type Cursor = { sort: SortKey; id: number; time?: number; order?: number; none?: boolean };

export function decodeCursor(sort: SortKey, cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const [s, value, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (s !== sort || !/^\d+$/.test(id ?? "")) return null;
  if (sort === "priority") {
    const m = /^(\d+):(\d+)$/.exec(value ?? "");
    return m ? { sort, id: Number(id), order: Number(m[1]), time: Number(m[2]) } : null;
  }
  if (sort === "due" && value === "none") return { sort, id: Number(id), none: true };
  return /^\d+$/.test(value ?? "") ? { sort, id: Number(id), time: Number(value) } : null;
}

export function orderBy(sort: SortKey) {
  switch (sort) {
    case "created":
      return [{ createdAt: "desc" as const }, { id: "desc" as const }];
    case "priority":
      return [{ priorityOrder: "asc" as const }, { updatedAt: "desc" as const }, { id: "desc" as const }];
    case "due":
      return [{ dueAt: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }];
    default:
      return [{ updatedAt: "desc" as const }, { id: "desc" as const }];
  }
}

/** Rows strictly after the cursor in the sort order. */
export function afterCursor(c: Cursor | null): Record<string, unknown> {
  if (!c) return {};
  if (c.sort === "created") return { OR: [{ createdAt: { lt: new Date(c.time!) } }, { createdAt: new Date(c.time!), id: { lt: c.id } }] };
  if (c.sort === "priority") {
    const t = new Date(c.time!);
    return { OR: [{ priorityOrder: { gt: c.order } }, { priorityOrder: c.order, updatedAt: { lt: t } }, { priorityOrder: c.order, updatedAt: t, id: { lt: c.id } }] };
  }
  if (c.sort === "due") {
    if (c.none) return { dueAt: null, id: { gt: c.id } };
    const t = new Date(c.time!);
    return { OR: [{ dueAt: { gt: t } }, { dueAt: t, id: { gt: c.id } }, { dueAt: null }] };
  }
  return { OR: [{ updatedAt: { lt: new Date(c.time!) } }, { updatedAt: new Date(c.time!), id: { lt: c.id } }] };
}

export function compareRows(sort: SortKey) {
  return (a: Row, b: Row): number => {
    if (sort === "created") return b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;
    if (sort === "priority") return a.priorityOrder - b.priorityOrder || b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id;
    if (sort === "due") {
      const x = a.dueAt?.getTime() ?? Infinity;
      const y = b.dueAt?.getTime() ?? Infinity;
      return x === y ? a.id - b.id : x < y ? -1 : 1;
    }
    return b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id;
  };
}

/** The filters a queue and the user's choices add, before scoping. */
export function queueFilter(actor: StaffActor, p: QueueParams, now = new Date(), db?: Db): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  switch (p.queue) {
    case "open":
      where.isOpen = true;
      break;
    case "mine":
      where.isOpen = true;
      where.assigneeId = actor.id;
      break;
    case "unassigned":
      where.isOpen = true;
      where.assigneeId = null;
      where.teamId = null;
      break;
    case "overdue":
      where.isOpen = true;
      where.dueAt = { lt: now };
      break;
    case "watching":
      where.watchers = { some: { staffId: actor.id } };
      break;
    case "closed":
      where.isOpen = false;
      break;
  }
  if (p.status) where.statusId = p.status;
  if (p.priority) where.priorityId = p.priority;
  if (p.department) where.departmentId = p.department;
  if (p.assignee !== undefined) where.assigneeId = p.assignee === "none" ? null : p.assignee;
  if (p.team) where.teamId = p.team;
  if (p.q) {
    const number = p.q.replace(/^#/, "");
    // Case-insensitive on both databases (SQLite's LIKE already is; PostgreSQL needs to be told).
    where.OR = [{ number }, { subject: db ? containsText(db, p.q) : { contains: p.q } }, { requester: { email: p.q.toLowerCase() } }];
  }
  return where;
}

export const QUEUE_ROW_SELECT = {
  id: true,
  number: true,
  subject: true,
  isOpen: true,
  priorityOrder: true,
  dueAt: true,
  firstResponseDueAt: true,
  firstRespondedAt: true,
  createdAt: true,
  updatedAt: true,
  escalatedAt: true,
  // When the requester last wrote: the queue shows how long they have waited.
  requesterWroteAt: true,
  status: { select: { name: true, kind: true, color: true } },
  priority: { select: { name: true, color: true } },
  department: { select: { name: true } },
  assignee: { select: { name: true } },
  team: { select: { name: true } },
  requester: { select: { name: true, email: true } },
} as const;

const SORT_KEYS = { id: true, updatedAt: true, createdAt: true, priorityOrder: true, dueAt: true } as const;

type Where = Record<string, unknown>;
type Select = typeof SORT_KEYS | typeof QUEUE_ROW_SELECT;
type Order = Prisma.TicketOrderByWithRelationInput;

/** A slice of the queue: the tickets matching `where`, or those of them on the given follower rows. */
type Slice = { where: Where; followed?: { staffId: number; departmentId?: { in: number[] } } };

/**
 * Followed tickets are found from the follower's own watch list (an index range on staffId), not
 * by testing every ticket of the queue for a watch: the EXISTS that Prisma writes for
 * `watchers: { some }` scans the whole queue when the actor follows few of its tickets.
 */
function fetchSlice<S extends Select>(db: Db, slice: Slice, where: Where, order: Order[], take: number, select: S) {
  if (slice.followed === undefined) return db.ticket.findMany({ where: { AND: [slice.where, where] }, orderBy: order, take, select });
  const watchOrder = order.map((term) => ("id" in term ? { ticketId: term.id } : { ticket: term }));
  return db.ticketWatcher
    .findMany({ where: { ...slice.followed, ...openFollowed(slice.where), ticket: { AND: [slice.where, where] } }, orderBy: watchOrder, take, select: { ticket: { select } } })
    .then((rows) => rows.map((r) => r.ticket));
}

/** When only open tickets are wanted, the follower rows say which those are (see lib/tickets/watchers.ts). */
export function openFollowed(where: Record<string, unknown>): { ticketIsOpen?: true } {
  return where.isOpen === true ? { ticketIsOpen: true } : {};
}

/** The slice's next PAGE_SIZE + 1 rows after the cursor, each query an index range in sort order. */
async function slicePage<S extends Select>(db: Db, slice: Slice, sort: SortKey, c: Cursor | null, select: S) {
  if (sort !== "due") return fetchSlice(db, slice, afterCursor(c), orderBy(sort), PAGE_SIZE + 1, select);
  // Dated tickets first, then undated ones. SQLite has no NULLS LAST: the CASE expression Prisma
  // writes instead defeats the (isOpen, dueAt) index and sorts the whole queue for every page.
  const t = c && !c.none ? new Date(c.time!) : null;
  const dated = c?.none ? [] : await fetchSlice(db, slice, { dueAt: { not: null }, ...(t ? { OR: [{ dueAt: { gt: t } }, { dueAt: t, id: { gt: c!.id } }] } : {}) }, [{ dueAt: "asc" }, { id: "asc" }], PAGE_SIZE + 1, select);
  if (dated.length > PAGE_SIZE) return dated;
  const undated = await fetchSlice(db, slice, { dueAt: null, ...(c?.none ? { id: { gt: c.id } } : {}) }, [{ id: "asc" }], PAGE_SIZE + 1 - dated.length, select);
  return [...dated, ...undated];
}

/**
 * The filter limited to what the actor may see. An admin's scope is no condition at all, and left
 * out: Prisma writes `ticket: { AND: [{}, …] }` on a watch list as a join to every ticket.
 */
export function withinScope(actor: StaffActor, where: Where): Where {
  return actor.isAdmin ? where : { AND: [where, ticketScope(actor)] };
}

/** The slices whose union is the actor's view of the queue: one per visibility branch (lib/auth/policy.ts). */
function slices(actor: StaffActor, filter: Where, watchers: unknown): Slice[] {
  // The "following" tab: the actor's watch list, of which only what they may still see.
  if (watchers) return [{ where: withinScope(actor, filter), followed: { staffId: actor.id } }];
  // Admins see everything, and an actor always sees what is assigned to them.
  if (actor.isAdmin || filter.assigneeId === actor.id) return [{ where: filter }];
  return visibilityBranches(actor).map((branch) => (branch.followerRows ? { where: filter, followed: branch.followerRows } : { where: { AND: [filter, branch.where] } }));
}

function pageOf<R extends Row>(rows: R[], sort: SortKey) {
  const page = rows.slice(0, PAGE_SIZE);
  return { page, next: rows.length > PAGE_SIZE ? encodeCursor(sort, page[page.length - 1]) : null };
}

export async function queuePage(db: Db, actor: StaffActor, p: QueueParams) {
  const { watchers, ...filter } = queueFilter(actor, p, new Date(), db);
  const cursor = decodeCursor(p.sort, p.after);
  const parts = slices(actor, filter, watchers);
  // One slice: its rows at once.
  if (parts.length === 1) {
    const { page, next } = pageOf(await slicePage(db, parts[0], p.sort, cursor, QUEUE_ROW_SELECT), p.sort);
    return { rows: withOverdue(page), next };
  }
  // Several: each gives its next page of sort keys; the merged page's rows are then loaded once,
  // so the relations cost one query each per page rather than one per slice.
  const branches = await Promise.all(parts.map((slice) => slicePage(db, slice, p.sort, cursor, SORT_KEYS)));
  const seen = new Set<number>();
  const merged = branches.flat().filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  merged.sort(compareRows(p.sort));
  const { page, next } = pageOf(merged, p.sort);
  const rows = page.length ? await db.ticket.findMany({ where: { id: { in: page.map((r) => r.id) } }, select: QUEUE_ROW_SELECT }) : [];
  rows.sort(compareRows(p.sort));
  return { rows: withOverdue(rows), next };
}

function withOverdue<R extends { isOpen: boolean; dueAt: Date | null }>(rows: R[]) {
  const now = new Date();
  return rows.map((row) => ({ ...row, overdue: isOverdue(row, now) }));
}

export type QueueRow = Awaited<ReturnType<typeof queuePage>>["rows"][number];
