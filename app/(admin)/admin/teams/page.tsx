import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox, StateTag } from "@/components/admin/page-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { teamsPage } from "@/lib/config/teams/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZListParams.parse(await searchParams);
  const list = await teamsPage(actor, params);
  return (
    <div className="space-y-5">
      <PageHeader title="Teams" description="Groups of agents, across departments, that tickets can be assigned to." action={{ href: "/admin/teams/new", label: "New team" }} />
      <SearchBox path="/admin/teams" q={params.q} label="Search teams by name" />
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No team matches that search." : "No teams yet."}</EmptyList>
      ) : (
        <AdminTable label="Teams" head={["Name", "Lead", "Members", "Open tickets", "State"]}>
          {list.rows.map((team) => (
            <tr key={team.id}>
              <td className="px-3 py-2"><Link href={`/admin/teams/${team.id}`} className="font-medium text-slate-900 hover:text-brand-700">{team.name}</Link></td>
              <td data-label="Lead" className="px-3 py-2 text-slate-700">{team.lead?.name ?? "—"}</td>
              <td data-label="Members" className="px-3 py-2 text-slate-700">{team._count.members}</td>
              <td data-label="Open tickets" className="px-3 py-2 text-slate-700">{team._count.tickets.toLocaleString("en")}</td>
              <td data-label="State" className="px-3 py-2">{team.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="slate">Inactive</StateTag>}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/teams" params={{ q: params.q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
