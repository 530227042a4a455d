"use client";
// Quarantine: "Correct the sender and file". For a message whose From: line was unusable (or
// unclear), the admin names who sent it; the message is filed as if it came from that address.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormFeedback, FormSection, TextField, useAdminForm } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fileWithSenderAction } from "@/lib/mail/admin/actions";
import type { InboundRetryOutcome } from "@/lib/mail/admin/inbound";
import { ZFileWithSender, type FileWithSenderInput } from "@/lib/mail/admin/schemas";
import { describeRetryOutcome } from "./retry-button";

/** Rendered in every state (like Retry): once filed, the form goes and its outcome stays on screen. */
export function FileWithSenderForm({ id, suggested, available }: { id: number; suggested: string; available: boolean }) {
  const router = useRouter();
  const { form, problem, submit } = useAdminForm<FileWithSenderInput>(ZFileWithSender, { id, senderEmail: suggested });
  const [outcome, setOutcome] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  const onSubmit = form.handleSubmit((v) =>
    submit(async () => {
      setOutcome(null);
      const result = (await fileWithSenderAction(v)) as ActionResultLike;
      if (result.ok) {
        setOutcome(describeRetryOutcome(result.data as InboundRetryOutcome));
        router.refresh();
      }
      return result;
    }, ""),
  );
  if (!available) return outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null;
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Correct the sender and file">
      <FormSection title="Correct the sender and file" description="Name the address this message is from. It is filed as if it had come from that address: a new ticket, or a reply on that requester's ticket.">
        <FormFeedback problem={problem} done={null} />
        {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
        <TextField form={form} name="senderEmail" label="Sender's address" type="email" inputMode="email" required />
        <Button type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Filing…" : "Correct the sender and file"}</Button>
      </FormSection>
    </form>
  );
}
