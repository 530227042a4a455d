import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox, StateTag } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import { ZListParams } from "@/lib/config/shared/fields";
import { agentsPage } from "@/lib/config/agents/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const raw = await searchParams;
  const params = ZListParams.parse(raw);
  const inactive = raw.show === "inactive";
  const list = await agentsPage(actor, { ...params, inactive });
  const linkParams = { q: params.q, show: inactive ? "inactive" : undefined };
  const tab = (on: boolean) => `rounded-md px-2.5 py-1 ${on ? "bg-slate-200 font-medium" : "text-slate-600 hover:bg-slate-100"}`;
  return (
    <div className="space-y-5">
      <PageHeader title="Agents" description="Staff who work tickets. Administrators also configure the help desk." action={{ href: "/admin/agents/new", label: "Invite agent" }} />
      <SearchBox path="/admin/agents" q={params.q} label="Search by name, email or username" hidden={{ show: linkParams.show }} />
      <nav aria-label="Agent state" className="flex gap-1 text-sm">
        <Link href={params.q ? `/admin/agents?q=${encodeURIComponent(params.q)}` : "/admin/agents"} aria-current={!inactive ? "page" : undefined} className={tab(!inactive)}>Active</Link>
        <Link href={`/admin/agents?show=inactive${params.q ? `&q=${encodeURIComponent(params.q)}` : ""}`} aria-current={inactive ? "page" : undefined} className={tab(inactive)}>Deactivated</Link>
      </nav>
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No agent matches that search." : inactive ? "No deactivated agents." : "No agents yet."}</EmptyList>
      ) : (
        <AdminTable label="Agents" head={["Name", "Username", "Departments", "Last sign-in"]}>
          {list.rows.map((a) => (
            <tr key={a.id}>
              <td className="px-3 py-2">
                <Link href={`/admin/agents/${a.id}`} className="font-medium text-slate-900 hover:text-brand-700">{a.name}</Link>
                {a.kind === "ADMIN" ? <span className="ml-2"><StateTag tone="amber">Admin</StateTag></span> : null}
                {a.invited ? <span className="ml-2"><StateTag tone="slate">Invited</StateTag></span> : null}
                <span className="block break-all text-xs text-slate-500">{a.email}</span>
              </td>
              <td data-label="Username" className="px-3 py-2 text-slate-700">@{a.username}</td>
              <td data-label="Departments" className="px-3 py-2 text-slate-700">{a.departments.length ? a.departments.map((d) => `${d.department.name} (${d.role.name})`).join(", ") : "—"}</td>
              <td data-label="Last sign-in" className="whitespace-nowrap px-3 py-2 text-slate-600">{a.lastLoginAt ? <LocalTime value={a.lastLoginAt} relative /> : "Never"}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/agents" params={linkParams} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
