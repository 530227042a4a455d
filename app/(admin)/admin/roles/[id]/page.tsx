import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { deleteRoleAction } from "@/lib/config/roles/actions";
import { roleToEdit } from "@/lib/config/roles/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { RoleForm } from "../role-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Role" };

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const role = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await roleToEdit(actor, id) : null;
  if (!role) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={role.name} back={{ href: "/admin/roles", label: "Roles" }} description={role.usage.count ? `Given to ${role.usage.text}.` : "Not given to anyone yet."} />
      <RoleForm initial={{ id: role.id, name: role.name, permissions: role.permissions }} version={role.version} />
      <Card>
        <h2 className="text-base font-semibold">Delete</h2>
        {role.usage.count ? (
          <p className="mt-1 text-sm text-slate-600">This role is in use ({role.usage.text}). Give those agents another role first.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">No agent has this role, so it can be deleted.</p>
            <div className="mt-3"><ActionButton action={deleteRoleAction} input={{ id: role.id }} label="Delete role" variant="danger" confirm={`Delete ${role.name}? This cannot be undone.`} success="Role deleted." redirectTo="/admin/roles" /></div>
          </>
        )}
      </Card>
    </div>
  );
}
