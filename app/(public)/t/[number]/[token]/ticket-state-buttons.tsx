"use client";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { callAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { closeTicketAction, reopenTicketAction } from "@/lib/tickets/public-actions";
import { SEND_FAILED } from "../../../form-support";

type Link = { number: string; token: string };

function useTicketAction(action: typeof closeTicketAction) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (link: Link, after?: () => void) =>
    startTransition(async () => {
      setError(null);
      // On success the action revalidates the page, which then shows the new state.
      const outcome = await callAction(() => action(link), SEND_FAILED);
      if (!outcome.ok) setError(outcome.problem.message);
      else after?.();
    });
  return { pending, error, run };
}

/** "Close ticket", with a confirmation step: closing stops replies. */
export function CloseTicketButton(link: Link) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useTicketAction(closeTicketAction);
  return (
    <div className="flex max-w-xs flex-col items-stretch gap-2 sm:items-end">
      {confirming ? (
        <div role="group" aria-label="Close this ticket?" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p className="text-slate-700">Is your request solved? Closing the ticket stops replies; you can reopen it later.</p>
          <div className="mt-3 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
              Keep open
            </Button>
            <Button onClick={() => run(link, () => setConfirming(false))} disabled={pending}>
              {pending ? "Closing…" : "Yes, close it"}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Close ticket
        </Button>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}

export function ReopenTicketButton(link: Link) {
  const { pending, error, run } = useTicketAction(reopenTicketAction);
  return (
    <div className="space-y-3">
      <Button onClick={() => run(link)} disabled={pending}>
        {pending ? "Reopening…" : "Reopen ticket"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
