import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, PageHeader, StateTag } from "@/components/admin/page-parts";
import { Badge } from "@/components/ui/badge";
import { priorityList } from "@/lib/config/priorities/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Priorities" };

export default async function PrioritiesPage() {
  const actor = await requireAdminPage();
  const priorities = await priorityList(actor);
  return (
    <div className="space-y-5">
      <PageHeader title="Priorities" description="Most urgent first. The order decides how “most urgent” queues sort." action={{ href: "/admin/priorities/new", label: "New priority" }} />
      <AdminTable label="Priorities" head={["Order", "Name", "Tickets", "Help topics", "Default"]}>
        {priorities.map((p) => (
          <tr key={p.id}>
            <td data-label="Order" className="px-3 py-2 text-slate-700">{p.sortOrder}</td>
            <td className="px-3 py-2"><Link href={`/admin/priorities/${p.id}`} className="hover:underline"><Badge color={p.color}>{p.name}</Badge></Link></td>
            <td data-label="Tickets" className="px-3 py-2 text-slate-700">{p._count.tickets.toLocaleString("en")}</td>
            <td data-label="Help topics" className="px-3 py-2 text-slate-700">{p._count.helpTopics}</td>
            <td className="px-3 py-2">{p.isDefault ? <StateTag tone="green">Default</StateTag> : null}</td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
