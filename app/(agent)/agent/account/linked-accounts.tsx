"use client";
import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/admin/action-button";
import { callAction } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { startLinkAction, unlinkAction } from "@/lib/auth/account-actions";

type Provider = { id: "entra" | "oidc"; label: string; linked: { email: string; createdAt: Date; lastUsedAt: Date | null } | null };

export function LinkedAccounts({ providers }: { providers: Provider[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {providers.map((p) => (
        <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0">
          <div className="text-sm">
            <p className="font-medium text-slate-900">{p.label}</p>
            {p.linked ? (
              <p className="text-slate-600">
                Linked{p.linked.email ? <> as {p.linked.email}</> : null} · since <LocalTime value={p.linked.createdAt} />
                {p.linked.lastUsedAt ? <> · last used <LocalTime value={p.linked.lastUsedAt} relative /></> : null}
              </p>
            ) : (
              <p className="text-slate-600">Not linked.</p>
            )}
          </div>
          {p.linked ? (
            <ActionButton action={unlinkAction} input={{ provider: p.id }} label={`Unlink ${p.label}`} confirm={`You will no longer sign in with this ${p.label} account unless it is linked again (by the same email, or from here).`} success="Unlinked." variant="secondary" />
          ) : (
            <LinkButton provider={p} />
          )}
        </li>
      ))}
    </ul>
  );
}

function LinkButton({ provider }: { provider: Provider }) {
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const link = () =>
    startTransition(async () => {
      setProblem(null);
      const outcome = await callAction(() => startLinkAction({ provider: provider.id }), "The help desk could not be reached. Check your connection and try again.");
      if (!outcome.ok) return setProblem(outcome.problem.message);
      // signIn navigates away; if it fails before that, the button may be pressed again.
      await signIn(provider.id, { callbackUrl: `/agent/account?linked=${provider.id}` }).catch(() => setProblem("The help desk could not be reached. Check your connection and try again."));
    });
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={link} disabled={pending}>{pending ? "Redirecting…" : `Link ${provider.label} account`}</Button>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
    </div>
  );
}
