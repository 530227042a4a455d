// Queue counts without scanning the table: each scope branch is counted on its own index, with the
// branches before it excluded so no ticket counts twice, and every count stops at a cap ("10,000+").
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { queueFilter } from "./queue-query";
import type { QueueParams } from "./schemas";

export const COUNT_CAP = 10_000;

export type Count = { value: number; capped: boolean };

function disjointBranches(actor: StaffActor): Record<string, unknown>[] {
  if (actor.isAdmin) return [{}];
  const depts = [...actor.departments.keys()];
  const notMyDepts = depts.length ? { departmentId: { notIn: depts } } : {};
  const notMine = { OR: [{ assigneeId: null }, { assigneeId: { not: actor.id } }] };
  const notMyTeams = actor.teamIds.length ? { OR: [{ teamId: null }, { teamId: { notIn: actor.teamIds } }] } : {};
  return [
    ...depts.map((departmentId) => ({ departmentId })),
    { assigneeId: actor.id, ...notMyDepts },
    ...(actor.teamIds.length ? [{ AND: [{ teamId: { in: actor.teamIds } }, notMyDepts, notMine] }] : []),
    { AND: [{ watchers: { some: { staffId: actor.id } } }, notMyDepts, notMine, notMyTeams] },
  ];
}

export async function countInScope(db: Db, actor: StaffActor, where: Record<string, unknown>, cap = COUNT_CAP): Promise<Count> {
  const counts = await Promise.all(disjointBranches(actor).map((branch) => db.ticket.count({ where: { AND: [where, branch] }, take: cap })));
  const value = counts.reduce((a, b) => a + b, 0);
  return { value: Math.min(value, cap), capped: value >= cap };
}

export function formatCount(c: Count): string {
  return c.capped ? `${c.value.toLocaleString("en")}+` : c.value.toLocaleString("en");
}

const base: Omit<QueueParams, "queue"> = { sort: "updated" };

export async function queueCounts(db: Db, actor: StaffActor) {
  const names = ["open", "mine", "unassigned", "overdue", "watching", "closed"] as const;
  const values = await Promise.all(names.map((queue) => countInScope(db, actor, queueFilter(actor, { ...base, queue }))));
  return Object.fromEntries(names.map((n, i) => [n, values[i]])) as Record<(typeof names)[number], Count>;
}

export async function departmentOpenCounts(db: Db, actor: StaffActor) {
  const departments = await db.department.findMany({
    where: { archivedAt: null, ...(actor.isAdmin ? {} : { id: { in: [...actor.departments.keys()] } }) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const counts = await Promise.all(departments.map((d) => db.ticket.count({ where: { departmentId: d.id, isOpen: true }, take: COUNT_CAP })));
  return departments.map((d, i) => ({ ...d, count: { value: counts[i], capped: counts[i] >= COUNT_CAP } }));
}
