"use client";
// "Send test message": sends at once through the transport in effect and shows the outcome; a
// server's refusal is shown word for word (as text) because that is what the admin needs to fix it.
import { useState } from "react";
import { FormFeedback, FormSection, TextField, useAdminForm } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { sendTestMessageAction } from "@/lib/mail/admin/actions";
import { ZSendTestMail } from "@/lib/mail/admin/schemas";
import type { TestMessageResult } from "@/lib/mail/admin/test-message";

export function TestMessageForm({ defaultTo }: { defaultTo: string }) {
  const { form, problem, submit } = useAdminForm<{ to: string }>(ZSendTestMail, { to: defaultTo });
  const [outcome, setOutcome] = useState<TestMessageResult | null>(null);
  const onSubmit = form.handleSubmit((v) =>
    submit(async () => {
      setOutcome(null);
      const result = (await sendTestMessageAction(v)) as ActionResultLike;
      if (result.ok) setOutcome(result.data as TestMessageResult);
      return result;
    }, ""),
  );
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Send a test message">
      <FormSection title="Send a test message" description="Sent at once through the mail server in effect (saved settings), not through the outbox queue.">
        <FormFeedback problem={problem} done={null} />
        {outcome?.sent ? <Alert tone="success">Test message sent to {outcome.to} through {outcome.via}.</Alert> : null}
        {outcome && !outcome.sent ? (
          <Alert tone="error" title={`The test message to ${outcome.to} was not sent (${outcome.via})`}>
            <pre className="whitespace-pre-wrap break-words font-mono text-xs">{outcome.error}</pre>
          </Alert>
        ) : null}
        <TextField form={form} name="to" label="Send to" type="email" inputMode="email" required />
        <Button type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Sending…" : "Send test message"}</Button>
      </FormSection>
    </form>
  );
}
