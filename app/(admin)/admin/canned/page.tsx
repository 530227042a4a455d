import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox } from "@/components/admin/page-parts";
import { listCannedResponses } from "@/lib/admin/canned";
import { ZListParams } from "@/lib/admin/fields";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Canned responses" };

export default async function CannedListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZListParams.parse(await searchParams);
  const list = await listCannedResponses(db, actor, params);
  return (
    <div className="space-y-5">
      <PageHeader title="Canned responses" description="Ready-made replies agents can insert and adjust. Agents whose role allows it manage their own departments' responses." action={{ href: "/admin/canned/new", label: "New canned response" }} />
      <SearchBox path="/admin/canned" q={params.q} label="Search by title or text" />
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No canned response matches that search." : "No canned responses yet."}</EmptyList>
      ) : (
        <AdminTable label="Canned responses" head={["Title", "Department", "Starts with"]}>
          {list.rows.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2"><Link href={`/admin/canned/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700">{c.title}</Link></td>
              <td data-label="Department" className="px-3 py-2 text-slate-700">{c.department?.name ?? "All departments"}</td>
              <td data-label="Starts with" className="max-w-md truncate px-3 py-2 text-slate-600">{c.body.slice(0, 120)}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/canned" params={{ q: params.q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
