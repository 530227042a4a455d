import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader, StateTag } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { archiveDepartmentAction, unarchiveDepartmentAction } from "@/lib/config/departments/actions";
import { departmentChoices, departmentToEdit } from "@/lib/config/departments/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { DepartmentForm } from "../department-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Department" };

export default async function DepartmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const department = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await departmentToEdit(actor, id) : null;
  if (!department) notFound();
  const { slaPlans, teams } = await departmentChoices(actor);
  const created = (await searchParams).created === "1";
  const open = department._count.tickets;
  const defaultAssignee = department.defaultAssigneeId ? `staff:${department.defaultAssigneeId}` : department.defaultTeamId ? `team:${department.defaultTeamId}` : "";
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={department.name}
        back={{ href: "/admin/departments", label: "Departments" }}
        description={<>{department.archivedAt ? <StateTag tone="amber">Archived</StateTag> : <StateTag tone="green">Active</StateTag>} <span className="ml-1">{open === 1 ? "1 open ticket" : `${open.toLocaleString("en")} open tickets`} · {department.members.length === 1 ? "1 member" : `${department.members.length} members`}</span></>}
      />
      {created ? <Alert tone="success" title="Department created.">Next, <Link href="/admin/agents/new" className="font-medium underline">invite agents</Link> into it and <Link href="/admin/help-topics/new" className="font-medium underline">add help topics</Link> that route to it.</Alert> : null}
      <DepartmentForm version={department.version}
        initial={{ id: department.id, name: department.name, description: department.description, managerId: department.managerId ? String(department.managerId) : "", slaPlanId: department.slaPlanId ? String(department.slaPlanId) : "", defaultAssignee, isPublic: department.isPublic }}
        members={department.members.map((m) => ({ value: m.staff.id, label: `${m.staff.name} (${m.role.name})` }))}
        slaPlans={slaPlans.filter((p) => p.active || p.id === department.slaPlanId).map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name} (inactive)` }))}
        teams={teams.map((t) => ({ value: t.id, label: t.name }))}
      />
      <Card>
        <h2 className="text-base font-semibold">{department.archivedAt ? "Unarchive" : "Archive"}</h2>
        {department.archivedAt ? (
          <>
            <p className="mt-1 text-sm text-slate-600">An archived department takes no new tickets and is hidden from the public form and the agent queues.</p>
            <div className="mt-3"><ActionButton action={unarchiveDepartmentAction} input={{ id: department.id }} label="Unarchive department" success="Department unarchived." /></div>
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              Archiving hides the department from the public form and the agent queues. {open > 0 ? `It still has ${open === 1 ? "1 open ticket" : `${open.toLocaleString("en")} open tickets`}: transfer or close them first.` : "It has no open tickets."}
            </p>
            <div className="mt-3"><ActionButton action={archiveDepartmentAction} input={{ id: department.id }} label="Archive department" variant="danger" confirm={`Archive ${department.name}? Its help topics stop appearing on the public form.`} success="Department archived." /></div>
          </>
        )}
      </Card>
    </div>
  );
}
