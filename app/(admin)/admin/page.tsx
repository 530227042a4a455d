import type { Metadata } from "next";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Admin console" };

export default async function AdminHome() {
  await requireAdminPage();
  const [departments, agents, topics, priorities, slaPlans] = await Promise.all([
    db.department.count({ where: { archivedAt: null } }),
    db.staff.count({ where: { active: true } }),
    db.helpTopic.count({ where: { active: true } }),
    db.priority.count(),
    db.slaPlan.count({ where: { active: true } }),
  ]);
  const stats = [
    { label: "Departments", value: departments },
    { label: "Active staff", value: agents },
    { label: "Help topics", value: topics },
    { label: "Priorities", value: priorities },
    { label: "SLA plans", value: slaPlans },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
        <p className="mt-1 text-sm text-slate-600">How this help desk is set up.</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{s.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
