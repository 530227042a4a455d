"use client";
// "Test connection" and "Poll now": the action succeeds even when the mail server refuses, so the
// outcome (data.ok and its message) is shown as success or error, in words as well as colour.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function MailboxCheckButton({ action, id, label, pendingLabel, variant = "secondary" }: {
  action: (input: { id: number }) => Promise<ActionResultLike>;
  id: number;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary";
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  function run() {
    setOutcome(null);
    startTransition(async () => {
      try {
        const result = await action({ id });
        if (!result.ok) setOutcome({ ok: false, message: result.message });
        else setOutcome(result.data as { ok: boolean; message: string });
      } catch {
        setOutcome({ ok: false, message: "The help desk could not be reached. Check your connection and try again." });
      }
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      <Button variant={variant} disabled={pending} onClick={run}>{pending ? pendingLabel : label}</Button>
      {outcome ? <Alert tone={outcome.ok ? "success" : "error"} title={outcome.ok ? "Succeeded" : "Failed"}>{outcome.message}</Alert> : null}
    </div>
  );
}
