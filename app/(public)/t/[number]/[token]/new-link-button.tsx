"use client";
// "Send me a new link": for a requester who shared or forwarded their private link by mistake. The
// old link ends at once and the new one goes to their mailbox, so whoever else holds the old one
// is shut out. The page stays as it is (its own address no longer works) and says so.
import Link from "next/link";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { callAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { renewTicketLinkAction } from "@/lib/tickets/ticket-link-actions";
import { SEND_FAILED } from "../../../form-support";

export function NewLinkButton({ number, token }: { number: string; token: string }) {
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const renew = () =>
    startTransition(async () => {
      setError(null);
      const outcome = await callAction(() => renewTicketLinkAction({ number, token }), SEND_FAILED);
      if (!outcome.ok) setError(outcome.problem.message);
      else {
        setSent(true);
        setConfirming(false);
      }
    });

  if (sent) {
    return (
      <Alert tone="success" title="We have emailed you a new link">
        <p>The new private link is on its way to the email address on this ticket. The link of this page no longer works, for you or anyone you shared it with.</p>
        <p className="mt-2">
          <Link href="/" className="font-medium underline">Back to the help desk</Link>
        </p>
      </Alert>
    );
  }
  return (
    <div className="space-y-3">
      {confirming ? (
        <div role="group" aria-label="Replace your private link?" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p className="text-slate-700">This link will stop working at once, and we will email a new one to the address on this ticket.</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button onClick={renew} disabled={pending}>{pending ? "Sending…" : "Yes, send a new link"}</Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>Keep this link</Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>Send me a new link</Button>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
