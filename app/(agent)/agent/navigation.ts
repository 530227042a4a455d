import "server-only";
import type { StaffActor } from "@/lib/auth/actor";
import { mayManageAnyCanned } from "@/lib/auth/policy";
import type { NavSection } from "@/components/layout/staff-shell";
import { requestDepartmentCounts, requestQueueCounts } from "@/lib/tickets/cached-counts";
import { formatCount, type CountedQueue } from "@/lib/tickets/queue-counts";

export async function agentNavigation(actor: StaffActor): Promise<NavSection[]> {
  const [counts, departments] = await Promise.all([requestQueueCounts(actor), requestDepartmentCounts(actor)]);
  const q = (queue: CountedQueue | "closed", label: string) => ({ href: `/agent/tickets?queue=${queue}`, label, count: queue === "closed" ? undefined : formatCount(counts[queue]) });
  return [
    { title: "Overview", items: [{ href: "/agent", label: "Dashboard" }] },
    { title: "Queues", items: [q("open", "Open"), q("mine", "My tickets"), q("unassigned", "Unassigned"), q("overdue", "Overdue"), q("watching", "Following"), q("closed", "Resolved and closed")] },
    { title: "Departments", items: departments.map((d) => ({ href: `/agent/tickets?queue=open&department=${d.id}`, label: d.name, count: formatCount(d.count) })) },
    // Only for those who may manage some canned responses; the page refuses everyone else too.
    ...(mayManageAnyCanned(actor) ? [{ title: "Replies", items: [{ href: "/agent/canned", label: "Canned responses" }] }] : []),
  ];
}
