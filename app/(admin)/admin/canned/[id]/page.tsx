import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { deleteCannedAction } from "@/lib/admin/actions";
import { cannedForEdit } from "@/lib/admin/canned";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";
import { CannedForm } from "../canned-form";

export const metadata: Metadata = { title: "Canned response" };

export default async function CannedPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const row = Number.isInteger(id) && id > 0 ? await cannedForEdit(db, actor, id) : null;
  if (!row) notFound();
  const departments = await db.department.findMany({ where: { OR: [{ archivedAt: null }, { id: row.departmentId ?? -1 }] }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={row.title} back={{ href: "/admin/canned", label: "Canned responses" }} />
      <CannedForm initial={{ id: row.id, title: row.title, body: row.body, departmentId: row.departmentId ? String(row.departmentId) : "" }} departments={departments.map((d) => ({ value: d.id, label: d.name }))} />
      <Card>
        <h2 className="text-base font-semibold">Delete</h2>
        <p className="mt-1 text-sm text-slate-600">Replies already sent with it are not affected.</p>
        <div className="mt-3"><ActionButton action={deleteCannedAction} input={{ id: row.id }} label="Delete canned response" variant="danger" confirm={`Delete “${row.title}”?`} success="Canned response deleted." redirectTo="/admin/canned" /></div>
      </Card>
    </div>
  );
}
