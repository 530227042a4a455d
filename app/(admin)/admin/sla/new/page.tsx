import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { requireAdminPage } from "@/lib/server/guards";
import { SlaPlanForm } from "../sla-form";

export const metadata: Metadata = { title: "New SLA plan" };

export default async function NewSlaPlanPage() {
  await requireAdminPage();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New SLA plan" back={{ href: "/admin/sla", label: "SLA plans" }} />
      <SlaPlanForm />
    </div>
  );
}
