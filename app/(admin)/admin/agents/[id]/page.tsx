import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader, StateTag } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { deactivateAgentAction, reactivateAgentAction, setAgentAdminAction } from "@/lib/config/agents/actions";
import { agentAccessChoices, agentToEdit } from "@/lib/config/agents/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { AgentForm } from "../agent-form";
import { ResetPassword } from "./reset-password";
import { SignInCard } from "./sign-in-card";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const agent = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await agentToEdit(actor, id) : null;
  if (!agent) notFound();
  const { departments, roles } = await agentAccessChoices(actor);
  const isAdmin = agent.kind === "ADMIN";
  const self = agent.id === actor.id;
  const pendingInvite = agent.tokens[0];
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={agent.name}
        back={{ href: "/admin/agents", label: "Agents" }}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            {agent.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="red">Deactivated</StateTag>}
            {isAdmin ? <StateTag tone="amber">Administrator</StateTag> : null}
            {!agent.hasPassword ? <StateTag tone="slate">Invited, no password yet</StateTag> : null}
            <span>{agent.lastLoginAt ? <>Last signed in <LocalTime value={agent.lastLoginAt} relative /></> : "Never signed in"}</span>
          </span>
        }
      />
      <AgentForm
        initial={{ id: agent.id, name: agent.name, email: agent.email, username: agent.username, access: agent.departments.map((d) => ({ departmentId: String(d.departmentId), roleId: String(d.roleId) })) }}
        version={agent.version}
        departments={departments.map((d) => ({ value: d.id, label: d.name }))}
        roles={roles.map((r) => ({ value: r.id, label: r.name }))}
      />
      <Card>
        <h2 className="text-base font-semibold">Password</h2>
        <p className="mt-1 text-sm text-slate-600">
          {agent.hasPassword ? "Issue a one-time link for the agent to choose a new password." : pendingInvite ? <>The invitation link expires <LocalTime value={pendingInvite.expiresAt} relative />.</> : "No valid invitation link exists."}
        </p>
        <div className="mt-3">{agent.active ? <ResetPassword id={agent.id} name={agent.name} invited={!agent.hasPassword} /> : <p className="text-sm text-slate-600">Reactivate the account to reset its password.</p>}</div>
      </Card>
      <SignInCard actor={actor} agent={agent} />
      <Card>
        <h2 className="text-base font-semibold">Administrator rights</h2>
        <p className="mt-1 text-sm text-slate-600">{isAdmin ? "Administrators see every department and can change every setting. There must always be at least one active administrator." : "Give this agent access to the admin console and every department."}</p>
        <div className="mt-3">
          {isAdmin ? (
            <ActionButton action={setAgentAdminAction} input={{ id: agent.id, isAdmin: false }} label="Remove administrator rights" confirm={self ? "You will lose access to the admin console at once." : `${agent.name} will lose access to the admin console.`} success="Administrator rights removed." redirectTo={self ? "/agent" : undefined} />
          ) : agent.active ? (
            <ActionButton action={setAgentAdminAction} input={{ id: agent.id, isAdmin: true }} label="Make administrator" confirm={`${agent.name} will be able to change every setting.`} success="Now an administrator." />
          ) : null}
        </div>
      </Card>
      <Card>
        <h2 className="text-base font-semibold">{agent.active ? "Deactivate" : "Reactivate"}</h2>
        {agent.active ? (
          <>
            <p className="mt-1 text-sm text-slate-600">{self ? "You cannot deactivate your own account." : "The agent is signed out at once and can no longer sign in. Their tickets stay assigned to them until someone reassigns them."}</p>
            {!self ? <div className="mt-3"><ActionButton action={deactivateAgentAction} input={{ id: agent.id }} label="Deactivate agent" variant="danger" confirm={`Deactivate ${agent.name}? They are signed out immediately.`} success="Agent deactivated." /></div> : null}
          </>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">The agent can sign in again with their existing password.</p>
            <div className="mt-3"><ActionButton action={reactivateAgentAction} input={{ id: agent.id }} label="Reactivate agent" success="Agent reactivated." /></div>
          </>
        )}
      </Card>
    </div>
  );
}
