import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox, StateTag } from "@/components/admin/page-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { departmentsPage } from "@/lib/config/departments/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const raw = await searchParams;
  const params = ZListParams.parse(raw);
  const archived = raw.show === "archived";
  const list = await departmentsPage(actor, { ...params, archived });
  const linkParams = { q: params.q, show: archived ? "archived" : undefined };
  return (
    <div className="space-y-5">
      <PageHeader title="Departments" description="Tickets belong to a department; agents work the departments they are members of." action={{ href: "/admin/departments/new", label: "New department" }} />
      <SearchBox path="/admin/departments" q={params.q} label="Search departments by name" hidden={{ show: linkParams.show }} />
      <nav aria-label="Department state" className="flex gap-1 text-sm">
        <Link href={params.q ? `/admin/departments?q=${encodeURIComponent(params.q)}` : "/admin/departments"} aria-current={!archived ? "page" : undefined} className={`rounded-md px-2.5 py-1 ${!archived ? "bg-slate-200 font-medium" : "text-slate-600 hover:bg-slate-100"}`}>Active</Link>
        <Link href={`/admin/departments?show=archived${params.q ? `&q=${encodeURIComponent(params.q)}` : ""}`} aria-current={archived ? "page" : undefined} className={`rounded-md px-2.5 py-1 ${archived ? "bg-slate-200 font-medium" : "text-slate-600 hover:bg-slate-100"}`}>Archived</Link>
      </nav>
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No department matches that search." : archived ? "No archived departments." : "No departments yet."}</EmptyList>
      ) : (
        <AdminTable label="Departments" head={["Name", "Manager", "SLA plan", "Members", "Help topics", "Open tickets", "Visibility"]}>
          {list.rows.map((d) => (
            <tr key={d.id}>
              <td className="px-3 py-2"><Link href={`/admin/departments/${d.id}`} className="font-medium text-slate-900 hover:text-brand-700">{d.name}</Link></td>
              <td data-label="Manager" className="px-3 py-2 text-slate-700">{d.manager?.name ?? "—"}</td>
              <td data-label="SLA plan" className="px-3 py-2 text-slate-700">{d.slaPlan?.name ?? "—"}</td>
              <td data-label="Members" className="px-3 py-2 text-slate-700">{d._count.members}</td>
              <td data-label="Help topics" className="px-3 py-2 text-slate-700">{d._count.helpTopics}</td>
              <td data-label="Open tickets" className="px-3 py-2 text-slate-700">{d._count.tickets.toLocaleString("en")}</td>
              <td data-label="Visibility" className="px-3 py-2">{d.isPublic ? <StateTag tone="green">Public</StateTag> : <StateTag tone="slate">Internal</StateTag>}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/departments" params={linkParams} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
