import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { deleteSlaPlanAction } from "@/lib/config/sla/actions";
import { splitMinutes } from "@/lib/config/sla/schemas";
import { slaPlanToEdit } from "@/lib/config/sla/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { SlaPlanForm } from "../sla-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "SLA plan" };

export default async function SlaPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const plan = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await slaPlanToEdit(actor, id) : null;
  if (!plan) notFound();
  const first = splitMinutes(plan.firstResponseMinutes);
  const resolution = splitMinutes(plan.resolutionMinutes);
  const c = plan._count;
  const used = c.departments + c.helpTopics + c.tickets;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={plan.name} back={{ href: "/admin/sla", label: "SLA plans" }} description={`Used by ${c.departments} departments, ${c.helpTopics} help topics and ${c.tickets.toLocaleString("en")} tickets.`} />
      <SlaPlanForm version={plan.version} initial={{ id: plan.id, name: plan.name, firstResponseHours: first.hours, firstResponseMinutes: first.minutes, resolutionHours: resolution.hours, resolutionMinutes: resolution.minutes, businessHoursOnly: plan.businessHoursOnly, active: plan.active }} />
      <Card>
        <h2 className="text-base font-semibold">Delete</h2>
        {used ? (
          <p className="mt-1 text-sm text-slate-600">This plan is in use, so it cannot be deleted. Untick “Active” to stop offering it.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">Nothing uses this plan, so it can be deleted.</p>
            <div className="mt-3"><ActionButton action={deleteSlaPlanAction} input={{ id: plan.id }} label="Delete SLA plan" variant="danger" confirm={`Delete ${plan.name}?`} success="SLA plan deleted." redirectTo="/admin/sla" /></div>
          </>
        )}
      </Card>
    </div>
  );
}
