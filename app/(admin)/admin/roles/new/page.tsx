import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { requireAdminPage } from "@/lib/server/guards";
import { RoleForm } from "../role-form";

export const metadata: Metadata = { title: "New role" };

export default async function NewRolePage() {
  await requireAdminPage();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New role" back={{ href: "/admin/roles", label: "Roles" }} />
      <RoleForm />
    </div>
  );
}
