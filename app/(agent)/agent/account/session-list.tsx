"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionButton } from "@/components/admin/action-button";
import { callAction } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { endSessionAction, signOutEverywhereAction } from "@/lib/auth/account-actions";

type Session = { id: string; method: string; clientAddress: string | null; userAgent: string; createdAt: Date; lastSeenAt: Date; current: boolean };

const METHODS: Record<string, string> = { password: "Password", entra: "Microsoft", oidc: "Single sign-on" };

/** The session is already ended on the server; signing out clears this browser's cookie too. */
const leave = () => signOut({ callbackUrl: "/sign-in" });

export function SessionList({ sessions }: { sessions: Session[] }) {
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" aria-label="Signed-in browsers">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0" data-testid="session-row">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">
                {s.userAgent}
                {s.current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">This browser</span> : null}
              </p>
              <p className="text-slate-600">
                {METHODS[s.method] ?? s.method} · {s.clientAddress ?? "address unknown"} · signed in <LocalTime value={s.createdAt} /> · active <LocalTime value={s.lastSeenAt} relative />
              </p>
            </div>
            <EndSessionButton id={s.id} current={s.current} />
          </li>
        ))}
      </ul>
      <ActionButton
        action={async (input: Record<string, never>) => {
          const result = await signOutEverywhereAction(input);
          if (result.ok) await leave();
          return result;
        }}
        input={{}}
        label="Sign out everywhere"
        confirm="Every browser where you are signed in, this one included, is signed out at once."
        success="Signed out everywhere."
        variant="danger"
      />
    </div>
  );
}

function EndSessionButton({ id, current }: { id: string; current: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const end = () =>
    startTransition(async () => {
      setProblem(null);
      const outcome = await callAction(() => endSessionAction({ id }), "The help desk could not be reached. Try again.");
      if (!outcome.ok) return setProblem(outcome.problem.message);
      if (outcome.data.current) await leave();
      else router.refresh();
    });
  return (
    <div className="space-y-1">
      <Button variant="secondary" onClick={end} disabled={pending} aria-label={current ? "Sign out this browser" : "Sign out this session"}>{pending ? "Signing out…" : "Sign out"}</Button>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
    </div>
  );
}
