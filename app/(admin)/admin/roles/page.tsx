import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox } from "@/components/admin/page-parts";
import { ZListParams } from "@/lib/config/shared/fields";
import { PERMISSION_LABELS, PERMISSIONS } from "@/lib/auth/permissions";
import { rolesPage } from "@/lib/config/roles/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZListParams.parse(await searchParams);
  const list = await rolesPage(actor, params);
  return (
    <div className="space-y-5">
      <PageHeader title="Roles" description="An agent has one role in each of their departments; it decides what they may do there." action={{ href: "/admin/roles/new", label: "New role" }} />
      <SearchBox path="/admin/roles" q={params.q} label="Search roles by name" />
      {list.rows.length === 0 ? (
        <EmptyList>{params.q ? "No role matches that search." : "No roles yet."}</EmptyList>
      ) : (
        <AdminTable label="Roles" head={["Name", "Permissions", "In use"]}>
          {list.rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-2 align-top"><Link href={`/admin/roles/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700">{r.name}</Link></td>
              <td data-label="Permissions" className="px-3 py-2 text-slate-700">
                {r.permissions.size === PERMISSIONS.length ? "Everything" : r.permissions.size === 0 ? "Nothing (read only)" : PERMISSIONS.filter((p) => r.permissions.has(p)).map((p) => PERMISSION_LABELS[p]).join(", ")}
              </td>
              <td data-label="In use" className="whitespace-nowrap px-3 py-2 align-top text-slate-700">{r._count.memberships ? `${r._count.memberships} department ${r._count.memberships === 1 ? "membership" : "memberships"}` : "Unused"}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path="/admin/roles" params={{ q: params.q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}
