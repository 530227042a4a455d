import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { CannedForm } from "@/components/canned/canned-form";
import { cannedFormDepartments } from "@/lib/canned/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "New canned response" };

export default async function NewCannedPage() {
  const actor = await requireAdminPage();
  const departments = await cannedFormDepartments(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New canned response" back={{ href: "/admin/canned", label: "Canned responses" }} />
      <CannedForm departments={departments} basePath="/admin/canned" sharedLabel="All departments" />
    </div>
  );
}
