import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { agentAccessChoices } from "@/lib/config/agents/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { AgentForm } from "../agent-form";

export const metadata: Metadata = { title: "Invite an agent" };

export default async function InviteAgentPage() {
  const actor = await requireAdminPage();
  const { departments, roles } = await agentAccessChoices(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Invite an agent" back={{ href: "/admin/agents", label: "Agents" }} description="You get a one-time link to send them; they choose their own password." />
      <AgentForm departments={departments.map((d) => ({ value: d.id, label: d.name }))} roles={roles.map((r) => ({ value: r.id, label: r.name }))} />
    </div>
  );
}
