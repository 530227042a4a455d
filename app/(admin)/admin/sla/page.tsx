import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox, StateTag } from "@/components/admin/page-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { formatMinutes } from "@/lib/config/sla/service";
import { slaPlansPage } from "@/lib/config/sla/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { plural } from "@/components/ui/plural";

export const metadata: Metadata = { title: "SLA plans" };

export default async function SlaPlansPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZListParams.parse(await searchParams);
  const list = await slaPlansPage(actor, params);
  return (
    <div className="space-y-5">
      <PageHeader title="SLA plans" description="Response and resolution targets. A ticket takes its help topic's plan, or else its department's." action={{ href: "/admin/sla/new", label: "New SLA plan" }} />
      <SearchBox path="/admin/sla" q={params.q} label="Search SLA plans by name" />
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No SLA plan matches that search." : "No SLA plans yet."}</EmptyList>
      ) : (
        <AdminTable label="SLA plans" head={["Name", "First response", "Resolution", "Used by", "State"]}>
          {list.rows.map((p) => (
            <tr key={p.id}>
              <td className="px-3 py-2"><Link href={`/admin/sla/${p.id}`} className="font-medium text-slate-900 hover:text-brand-700">{p.name}</Link></td>
              <td data-label="First response" className="px-3 py-2 text-slate-700">{formatMinutes(p.firstResponseMinutes)}</td>
              <td data-label="Resolution" className="px-3 py-2 text-slate-700">{formatMinutes(p.resolutionMinutes)}</td>
              <td data-label="Used by" className="px-3 py-2 text-slate-700">{plural(p._count.departments, "department")} · {plural(p._count.helpTopics, "help topic")} · {plural(p._count.tickets, "ticket")}</td>
              <td data-label="State" className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  {p.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="slate">Inactive</StateTag>}
                  {p.businessHoursOnly ? <StateTag tone="slate">Business hours</StateTag> : null}
                </span>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/sla" params={{ q: params.q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
