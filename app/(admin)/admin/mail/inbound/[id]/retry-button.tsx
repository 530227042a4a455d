"use client";
// "Retry" on a quarantined message: the outcome is the point (a new ticket, a reply, or the same
// error again), so it is told in words rather than a fixed "done".
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { InboundRetryOutcome } from "@/lib/mail/admin/inbound";

export function describeRetryOutcome(o: InboundRetryOutcome): { tone: "success" | "error" | "warning"; text: string } {
  if (o.state === "STORED") return { tone: "success", text: o.created ? `Filed: opened ticket #${o.ticketNumber}.` : `Filed as a reply on ticket #${o.ticketNumber}.` };
  if (o.state === "QUARANTINED") return { tone: "error", text: `Still in quarantine: ${o.detail ?? "the same error"}` };
  if (o.state === "BOUNCE") return { tone: "warning", text: `Kept as a delivery failure report${o.ticketNumber ? ` about ticket #${o.ticketNumber}` : ""}; no ticket was opened.` };
  if (o.state === "IGNORED") return { tone: "warning", text: `Ignored: ${o.detail ?? "by the mail-loop guard"}` };
  return { tone: "warning", text: `Recorded as a duplicate: ${o.detail ?? "this message is already in a ticket"}.` };
}

/** `available` is false once the message has left the quarantine: the last outcome stays, the button goes. */
export function RetryInboundButton({ id, action, available }: { id: number; action: (input: { id: number }) => Promise<ActionResultLike>; available: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  const run = () =>
    startTransition(async () => {
      setOutcome(null);
      let result: ActionResultLike;
      try {
        result = await action({ id });
      } catch {
        result = { ok: false, code: "NETWORK", message: "The help desk could not be reached. Check your connection and try again.", fieldErrors: {} };
      }
      setOutcome(result.ok ? describeRetryOutcome(result.data as InboundRetryOutcome) : { tone: "error", text: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-2">
      {available ? <Button variant="primary" disabled={pending} onClick={run}>{pending ? "Retrying…" : "Retry"}</Button> : null}
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
    </div>
  );
}
