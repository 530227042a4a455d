"use client";
// A one-click admin action (archive, deactivate, delete…) with an inline confirmation step. A failure
// is shown beside the button; a success in the layout's flash (components/ui/flash.tsx), because the
// refreshed page often no longer has this button. The server action arrives as a prop from the page.
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { callAction, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFlash } from "@/components/ui/flash";

type Variant = "primary" | "secondary" | "danger";

const noSubscription = () => () => {};

export function ActionButton<I>({ action, input, label, confirm, success, variant = "secondary", redirectTo }: {
  action: (input: I) => Promise<ActionResultLike>;
  input: I;
  label: string;
  /** When set, a second click on "Yes, …" is needed, with this explanation. */
  confirm?: string;
  success: string;
  variant?: Variant;
  redirectTo?: string;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const flash = useFlash();
  // A click before the page's scripts have taken over would do nothing (the button is not a form):
  // it stays disabled until then, on the server's HTML and during hydration.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  function run() {
    setOutcome(null);
    startTransition(async () => {
      const result = await callAction(() => action(input), "The help desk could not be reached. Check your connection and try again.");
      setAsking(false);
      if (result.ok && flash) flash(success);
      else setOutcome(result.ok ? { ok: true, message: success } : { ok: false, message: result.problem.message });
      if (result.ok) {
        if (redirectTo) router.push(redirectTo);
        else router.refresh();
      }
    });
  }

  return (
    <div className="space-y-2">
      {asking ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p className="text-slate-800">{confirm}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant={variant === "danger" ? "danger" : "primary"} disabled={pending} onClick={run}>{pending ? "Working…" : `Yes, ${label.toLowerCase()}`}</Button>
            <Button variant="secondary" disabled={pending} onClick={() => setAsking(false)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Button variant={variant} disabled={!ready || pending} onClick={() => (confirm ? setAsking(true) : run())}>{pending ? "Working…" : label}</Button>
      )}
      {outcome ? <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert> : null}
    </div>
  );
}
