import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-parts";
import { CannedDeleteCard } from "@/components/canned/canned-parts";
import { CannedForm } from "@/components/canned/canned-form";
import { cannedFormDepartments, cannedToEdit } from "@/lib/canned/queries";
import { requireStaffPage } from "@/lib/server/guards";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Canned response" };

export default async function AgentCannedPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage();
  const id = Number((await params).id);
  // cannedToEdit asks the policy: a response outside the departments the actor manages is not found.
  const row = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await cannedToEdit(actor, id) : null;
  if (!row) notFound();
  const departments = await cannedFormDepartments(actor, row.departmentId);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={row.title} back={{ href: "/agent/canned", label: "Canned responses" }} />
      <CannedForm initial={{ id: row.id, title: row.title, body: row.body, departmentId: row.departmentId ? String(row.departmentId) : "" }} version={row.version} departments={departments} basePath="/agent/canned" sharedLabel={actor.isAdmin ? "All departments" : undefined} />
      <CannedDeleteCard id={row.id} title={row.title} basePath="/agent/canned" />
    </div>
  );
}
