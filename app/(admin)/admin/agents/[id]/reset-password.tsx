"use client";
import { useState, useTransition } from "react";
import { ShownOnce } from "@/components/admin/shown-once";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resetAgentPasswordAction } from "@/lib/config/agents/actions";

export function ResetPassword({ id, name, invited }: { id: number; name: string; invited: boolean }) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = invited ? "Issue a new invitation link" : "Reset password";
  return (
    <div className="space-y-2">
      {link ? <ShownOnce isPath title={`New set-password link for ${name}`} value={link} note="It works once and expires in 7 days. It will not be shown again." /> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {asking ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p>{invited ? "The earlier invitation link stops working." : `${name}'s current password stops working and they are signed out everywhere.`}</p>
          <div className="mt-2 flex gap-2">
            <Button
              disabled={pending}
              onClick={() =>
                start(async () => {
                  setError(null);
                  const result = await resetAgentPasswordAction({ id });
                  setAsking(false);
                  if (result.ok) setLink(result.data.link);
                  else setError(result.message);
                })
              }
            >
              {pending ? "Working…" : `Yes, ${label.toLowerCase()}`}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>{label}</Button>
      )}
    </div>
  );
}
