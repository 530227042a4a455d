import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { departmentChoices } from "@/lib/config/departments/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { DepartmentForm } from "../department-form";

export const metadata: Metadata = { title: "New department" };

export default async function NewDepartmentPage() {
  const actor = await requireAdminPage();
  const { slaPlans, teams } = await departmentChoices(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New department" back={{ href: "/admin/departments", label: "Departments" }} description="After creating it, invite agents into it and add help topics that route to it." />
      <DepartmentForm members={[]} slaPlans={slaPlans.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))} teams={teams.map((t) => ({ value: t.id, label: t.name }))} />
    </div>
  );
}
