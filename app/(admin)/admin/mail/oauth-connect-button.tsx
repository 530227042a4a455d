"use client";
// "Connect" / "Reconnect": asks the server for the provider's sign-in address (it sets the consent
// cookie first), then sends the browser there. A refusal is shown beside the button.
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { startMailOAuthAction } from "@/lib/mail/admin/actions";

export function OAuthConnectButton({ grantKey, label, variant = "primary" }: { grantKey: string; label: string; variant?: "primary" | "secondary" }) {
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  function go() {
    setProblem(null);
    startTransition(async () => {
      try {
        const result = (await startMailOAuthAction({ key: grantKey })) as ActionResultLike;
        if (!result.ok) return setProblem(result.message);
        window.location.assign((result.data as { url: string }).url);
      } catch {
        setProblem("The help desk could not be reached. Check your connection and try again.");
      }
    });
  }
  return (
    <div className="space-y-2">
      <Button variant={variant} disabled={pending} onClick={go}>{pending ? "Opening the sign-in page…" : label}</Button>
      {problem ? <Alert tone="error" title="Could not start the sign-in">{problem}</Alert> : null}
    </div>
  );
}
