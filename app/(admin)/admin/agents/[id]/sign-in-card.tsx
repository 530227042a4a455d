import { ActionButton } from "@/components/admin/action-button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { StaffActor } from "@/lib/auth/actor";
import { endAgentSessionsAction, resetAgentTwoFactorAction } from "@/lib/config/agents/actions";
import { agentSignIn } from "@/lib/config/agents/queries";

const PROVIDERS: Record<string, string> = { entra: "Microsoft", oidc: "Single sign-on" };

/** The agent page's sign-in facts: sessions (end them all), two-factor (reset it), linked accounts. */
export async function SignInCard({ actor, agent }: { actor: StaffActor; agent: { id: number; name: string } }) {
  const facts = await agentSignIn(actor, agent.id);
  const self = agent.id === actor.id;
  return (
    <Card>
      <h2 className="text-base font-semibold">Sign-in</h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Signed in</dt>
        <dd data-testid="agent-session-count">{facts.sessions.length === 0 ? "Nowhere" : `${facts.sessions.length} browser${facts.sessions.length === 1 ? "" : "s"}, last active `}{facts.sessions[0] ? <LocalTime value={facts.sessions[0].lastSeenAt} relative /> : null}</dd>
        <dt className="text-slate-500">Two-factor</dt>
        <dd data-testid="agent-two-factor">{facts.twoFactor.enabled ? `On, ${facts.twoFactor.recoveryCodesLeft} recovery codes left` : "Off"}</dd>
        <dt className="text-slate-500">Linked accounts</dt>
        <dd>{facts.identities.length ? facts.identities.map((i) => `${PROVIDERS[i.provider] ?? i.provider}${i.email ? ` (${i.email})` : ""}`).join(", ") : "None"}</dd>
      </dl>
      <div className="mt-3 flex flex-wrap items-start gap-3">
        {facts.sessions.length ? (
          <ActionButton action={endAgentSessionsAction} input={{ id: agent.id }} label="End all sessions" confirm={self ? "You will be signed out here and everywhere else." : `${agent.name} is signed out everywhere at once.`} success="Sessions ended." variant="danger" redirectTo={self ? "/sign-in" : undefined} />
        ) : null}
        {facts.twoFactor.enabled && !self ? (
          <ActionButton action={resetAgentTwoFactorAction} input={{ id: agent.id }} label="Reset two-factor" confirm={`For a lost phone: ${agent.name} signs in with their password alone, then sets up a new authenticator (or is asked to, when two-factor is required).`} success="Two-factor reset." />
        ) : null}
      </div>
    </Card>
  );
}
