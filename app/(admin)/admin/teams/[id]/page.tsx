import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-parts";
import { teamMemberOptions, teamToEdit } from "@/lib/config/teams/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { TeamForm } from "../team-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const team = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await teamToEdit(actor, id) : null;
  if (!team) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={team.name} back={{ href: "/admin/teams", label: "Teams" }} />
      <TeamForm version={team.version}
        initial={{ id: team.id, name: team.name, leadId: team.leadId ? String(team.leadId) : "", memberIds: team.members.map((m) => String(m.staffId)), active: team.active }}
        agents={await teamMemberOptions(actor, team.id)}
      />
    </div>
  );
}
