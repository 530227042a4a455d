// Server-rendered parts of the canned response pages, shared by the admin console (/admin/canned)
// and the agent dashboard (/agent/canned): the list and the delete card. The pages fetch through
// lib/canned/queries.ts, already scoped to the actor.
import Link from "next/link";
import { ActionButton } from "@/components/admin/action-button";
import { AdminTable, EmptyList, PageHeader, Pager, SearchBox } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { deleteCannedAction } from "@/lib/canned/actions";

type CannedRow = { id: number; title: string; body: string; department: { name: string } | null };

export function CannedList({ basePath, description, q, list }: { basePath: string; description: string; q?: string; list: { rows: CannedRow[]; page: number; hasNext: boolean } }) {
  return (
    <div className="space-y-5">
      <PageHeader title="Canned responses" description={description} action={{ href: `${basePath}/new`, label: "New canned response" }} />
      <SearchBox path={basePath} q={q} label="Search by title or text" />
      {list.rows.length === 0 ? (
        <EmptyList>{q ? "No canned response matches that search." : "No canned responses yet."}</EmptyList>
      ) : (
        <AdminTable label="Canned responses" head={["Title", "Department", "Starts with"]}>
          {list.rows.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2"><Link href={`${basePath}/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700">{c.title}</Link></td>
              <td data-label="Department" className="px-3 py-2 text-slate-700">{c.department?.name ?? "All departments"}</td>
              <td data-label="Starts with" className="max-w-md truncate px-3 py-2 text-slate-600">{c.body.slice(0, 120)}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <Pager path={basePath} params={{ q }} page={list.page} hasNext={list.hasNext} />
    </div>
  );
}

export function CannedDeleteCard({ id, title, basePath }: { id: number; title: string; basePath: string }) {
  return (
    <Card>
      <h2 className="text-base font-semibold">Delete</h2>
      <p className="mt-1 text-sm text-slate-600">Replies already sent with it are not affected.</p>
      <div className="mt-3"><ActionButton action={deleteCannedAction} input={{ id }} label="Delete canned response" variant="danger" confirm={`Delete “${title}”?`} success="Canned response deleted." redirectTo={basePath} /></div>
    </Card>
  );
}
