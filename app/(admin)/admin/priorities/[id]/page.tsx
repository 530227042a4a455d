import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { deletePriorityAction } from "@/lib/config/priorities/actions";
import { priorityToEdit } from "@/lib/config/priorities/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { PriorityForm } from "../priority-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Priority" };

export default async function PriorityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const priority = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await priorityToEdit(actor, id) : null;
  if (!priority) notFound();
  const used = priority._count.tickets + priority._count.helpTopics;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={priority.name} back={{ href: "/admin/priorities", label: "Priorities" }} description={`Used by ${priority._count.tickets.toLocaleString("en")} tickets and ${priority._count.helpTopics} help topics.`} />
      <PriorityForm version={priority.version} initial={{ id: priority.id, name: priority.name, sortOrder: String(priority.sortOrder), color: priority.color, isDefault: priority.isDefault }} />
      <Card>
        <h2 className="text-base font-semibold">Delete</h2>
        {priority.isDefault ? (
          <p className="mt-1 text-sm text-slate-600">This is the default priority. Make another priority the default before deleting it.</p>
        ) : used ? (
          <p className="mt-1 text-sm text-slate-600">Tickets or help topics still use this priority; change them first.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">Nothing uses this priority, so it can be deleted.</p>
            <div className="mt-3"><ActionButton action={deletePriorityAction} input={{ id: priority.id }} label="Delete priority" variant="danger" confirm={`Delete ${priority.name}?`} success="Priority deleted." redirectTo="/admin/priorities" /></div>
          </>
        )}
      </Card>
    </div>
  );
}
