import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { teamMemberOptions } from "@/lib/config/teams/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { TeamForm } from "../team-form";

export const metadata: Metadata = { title: "New team" };

export default async function NewTeamPage() {
  const actor = await requireAdminPage();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New team" back={{ href: "/admin/teams", label: "Teams" }} />
      <TeamForm agents={await teamMemberOptions(actor)} />
    </div>
  );
}
