"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { checkStatusAction } from "@/lib/tickets/public-actions";
import { ZCheckStatus, type CheckStatusInput } from "@/lib/tickets/schemas";
import { applyActionErrors, SEND_FAILED } from "../form-support";

// The same answer whether or not the pair matches: the form must not tell who has tickets.
const SENT = "If that email and number match a ticket, we have sent the private link to that address.";
const EMAIL_HINT = "The address you used when you opened the ticket.";
const NUMBER_HINT = "From your confirmation, e.g. 482913.";

export function CheckStatusForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm({
    resolver: zodResolver(ZCheckStatus),
    defaultValues: { email: "", number: "" } satisfies CheckStatusInput,
  });
  const { errors, isSubmitting } = formState;
  const emailError = errors.email?.message;
  const numberError = errors.number?.message;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSent(false);
    const result = await checkStatusAction(values).catch(() => null);
    if (!result) return setFormError(SEND_FAILED);
    if (result.ok) return setSent(true);
    setFormError(applyActionErrors(result, ["email", "number"], setError).formMessage);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-busy={isSubmitting}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {sent ? (
        <Alert tone="success" title="Check your inbox">
          {SENT} It may take a few minutes to arrive; look in your spam folder too.
        </Alert>
      ) : null}
      <Field id="email" label="Email" error={emailError} required hint={EMAIL_HINT}>
        <Input id="email" type="email" autoComplete="email" inputMode="email" aria-invalid={!!emailError} aria-describedby={describedBy("email", { hint: EMAIL_HINT, error: emailError })} {...register("email")} />
      </Field>
      <Field id="number" label="Ticket number" error={numberError} required hint={NUMBER_HINT}>
        <Input id="number" autoComplete="off" spellCheck={false} aria-invalid={!!numberError} aria-describedby={describedBy("number", { hint: NUMBER_HINT, error: numberError })} {...register("number")} />
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full sm:w-auto">
        {isSubmitting ? "Sending…" : "Email me the link"}
      </Button>
    </form>
  );
}
