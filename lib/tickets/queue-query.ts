// Queue pages with keyset pagination. An agent's scope is a union (their departments, tickets
// assigned to them or their teams, tickets they follow); one query per branch, each served by its
// own index in sort order, merged here, keeps every page an index range scan at any depth.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
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
export function queueFilter(actor: StaffActor, p: QueueParams, now = new Date()): Record<string, unknown> {
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
    where.OR = [{ number }, { subject: { contains: p.q } }, { requester: { email: p.q.toLowerCase() } }];
  }
  return where;
}

/** The scope branches of an actor: one `where` per index-friendly slice of what they may see. */
export function scopeBranches(actor: StaffActor): Record<string, unknown>[] {
  if (actor.isAdmin) return [{}];
  return [
    ...[...actor.departments.keys()].map((departmentId) => ({ departmentId })),
    { assigneeId: actor.id },
    ...actor.teamIds.map((teamId) => ({ teamId })),
    { watchers: { some: { staffId: actor.id } } },
  ];
}

export const QUEUE_ROW_SELECT = {
  id: true,
  number: true,
  subject: true,
  isOpen: true,
  priorityOrder: true,
  dueAt: true,
  createdAt: true,
  updatedAt: true,
  escalatedAt: true,
  status: { select: { name: true, kind: true, color: true } },
  priority: { select: { name: true, color: true } },
  department: { select: { name: true } },
  assignee: { select: { name: true } },
  team: { select: { name: true } },
  requester: { select: { name: true, email: true } },
} as const;

export async function queuePage(db: Db, actor: StaffActor, p: QueueParams) {
  const filter = queueFilter(actor, p);
  const cursor = decodeCursor(p.sort, p.after);
  const branches = scopeBranches(actor);
  const results = await Promise.all(
    branches.map((branch) =>
      db.ticket.findMany({ where: { AND: [filter, branch, afterCursor(cursor)] }, orderBy: orderBy(p.sort), take: PAGE_SIZE + 1, select: QUEUE_ROW_SELECT }),
    ),
  );
  const seen = new Set<number>();
  const merged = results.flat().filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  merged.sort(compareRows(p.sort));
  const page = merged.slice(0, PAGE_SIZE);
  const next = merged.length > PAGE_SIZE ? encodeCursor(p.sort, page[page.length - 1]) : null;
  const now = new Date();
  return { rows: page.map((row) => ({ ...row, overdue: isOverdue(row, now) })), next };
}

export type QueueRow = Awaited<ReturnType<typeof queuePage>>["rows"][number];
