import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { db } from "@/lib/server/db";
import { requireStaffPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AgentHome() {
  const actor = await requireStaffPage();
  const memberships = await db.staffDepartment.findMany({
    where: { staffId: actor.id },
    include: { department: { select: { name: true } }, role: { select: { name: true } } },
    orderBy: { department: { name: "asc" } },
  });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {actor.name.split(" ")[0]}</h1>
        <p className="mt-1 text-sm text-slate-600">Your queues and the tickets waiting on you.</p>
      </div>
      <Card>
        <h2 className="text-base font-semibold">Your departments</h2>
        {memberships.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{actor.isAdmin ? "As an administrator you see every department." : "You are not a member of any department yet. Ask an administrator to add you."}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Your departments">
            {memberships.map((m) => (
              <li key={m.departmentId} className="flex items-center justify-between py-2 text-sm">
                <span className="font-medium">{m.department.name}</span>
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-700">{m.role.name}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
