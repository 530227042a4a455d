import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { departmentMemberships } from "@/lib/auth/queries";
import { requireStaffPage } from "@/lib/server/guards";
import { requestQueueCounts } from "@/lib/tickets/cached-counts";
import { formatCount } from "@/lib/tickets/queue-counts";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AgentHome() {
  const actor = await requireStaffPage();
  const [counts, memberships] = await Promise.all([
    requestQueueCounts(actor),
    departmentMemberships(actor),
  ]);
  const cards = [
    { queue: "open", label: "Open", hint: "in your departments", tone: "text-sky-700" },
    { queue: "mine", label: "My tickets", hint: "assigned to you", tone: "text-brand-700" },
    { queue: "unassigned", label: "Unassigned", hint: "waiting for an owner", tone: "text-amber-700" },
    { queue: "overdue", label: "Overdue", hint: "past their due date", tone: "text-red-700" },
  ] as const;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {actor.name.split(" ")[0]}</h1>
        <p className="mt-1 text-sm text-slate-600">Your queues and the tickets waiting on you.</p>
      </div>
      <ul className="grid grid-cols-2 gap-4 lg:grid-cols-4" aria-label="Queues">
        {cards.map((c) => (
          <li key={c.queue}>
            <Link href={`/agent/tickets?queue=${c.queue}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
              <span className="block text-sm font-medium text-slate-600">{c.label}</span>
              <span className={`mt-1 block text-3xl font-semibold ${c.tone}`}>{formatCount(counts[c.queue])}</span>
              <span className="block text-xs text-slate-500">{c.hint}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Card>
        <h2 className="text-base font-semibold">Your departments</h2>
        {memberships.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{actor.isAdmin ? "As an administrator you see every department." : "You are not a member of any department yet. Ask an administrator to add you."}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Your departments">
            {memberships.map((m) => (
              <li key={m.departmentId} className="flex items-center justify-between py-2 text-sm">
                <Link href={`/agent/tickets?queue=open&department=${m.departmentId}`} className="font-medium hover:text-brand-700">{m.department.name}</Link>
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-700">{m.role.name}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
