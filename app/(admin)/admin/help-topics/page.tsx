import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox, StateTag } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ZListParams } from "@/lib/config/shared/fields";
import { helpTopicsPage } from "@/lib/config/help-topics/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Help topics" };

export default async function HelpTopicsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const raw = await searchParams;
  const params = ZListParams.parse(raw);
  const list = await helpTopicsPage(actor, params);
  return (
    <div className="space-y-5">
      <PageHeader title="Help topics" description="What requesters choose on the public form. Each topic routes tickets to a department." action={{ href: "/admin/help-topics/new", label: "New help topic" }} />
      {raw.created === "1" ? <Alert tone="success">Help topic created.</Alert> : null}
      <SearchBox path="/admin/help-topics" q={params.q} label="Search help topics by name" />
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No help topic matches that search." : "No help topics yet."}</EmptyList>
      ) : (
        <AdminTable label="Help topics" head={["Topic", "Department", "Priority", "SLA plan", "Order", "State"]}>
          {list.rows.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-2"><Link href={`/admin/help-topics/${t.id}`} className="font-medium text-slate-900 hover:text-brand-700">{t.path}</Link></td>
              <td data-label="Department" className="px-3 py-2 text-slate-700">{t.department.name}{t.department.archivedAt ? " (archived)" : ""}</td>
              <td data-label="Priority" className="px-3 py-2">{t.priority ? <Badge color={t.priority.color}>{t.priority.name}</Badge> : <span className="text-slate-500">Default</span>}</td>
              <td data-label="SLA plan" className="px-3 py-2 text-slate-700">{t.slaPlan?.name ?? "Department's"}</td>
              <td data-label="Order" className="px-3 py-2 text-slate-700">{t.sortOrder}</td>
              <td data-label="State" className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  {t.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="slate">Inactive</StateTag>}
                  {t.isPublic ? <StateTag tone="green">Public</StateTag> : <StateTag tone="slate">Internal</StateTag>}
                </span>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/help-topics" params={{ q: params.q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
