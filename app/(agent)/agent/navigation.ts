import "server-only";
import type { StaffActor } from "@/lib/auth/actor";
import type { NavSection } from "@/components/layout/staff-shell";
import { db } from "@/lib/server/db";

export async function agentNavigation(actor: StaffActor): Promise<NavSection[]> {
  const departments = await db.department.findMany({
    where: actor.isAdmin ? { archivedAt: null } : { id: { in: [...actor.departments.keys()] }, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return [
    { title: "Overview", items: [{ href: "/agent", label: "Dashboard" }] },
    { title: "Departments", items: departments.map((d) => ({ href: `/agent?department=${d.id}`, label: d.name })) },
  ];
}
