import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-parts";
import { CannedForm } from "@/components/canned/canned-form";
import { mayManageAnyCanned } from "@/lib/auth/policy";
import { cannedFormDepartments } from "@/lib/canned/queries";
import { requireStaffPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "New canned response" };

export default async function AgentNewCannedPage() {
  const actor = await requireStaffPage();
  if (!mayManageAnyCanned(actor)) notFound();
  const departments = await cannedFormDepartments(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New canned response" back={{ href: "/agent/canned", label: "Canned responses" }} />
      {/* Administrators may also write shared responses here; agents only for their departments. */}
      <CannedForm departments={departments} basePath="/agent/canned" sharedLabel={actor.isAdmin ? "All departments" : undefined} />
    </div>
  );
}
