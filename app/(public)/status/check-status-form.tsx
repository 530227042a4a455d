"use client";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { checkStatusAction } from "@/lib/tickets/public-actions";
import { ZCheckStatus, type CheckStatusInput } from "@/lib/tickets/schemas";
import { SEND_FAILED } from "../form-support";

// The same answer whether or not the pair matches: the form must not tell who has tickets.
const SENT = "If that email and number match a ticket, we have sent the private link to that address.";
const EMAIL_HINT = "The address you used when you opened the ticket.";
const NUMBER_HINT = "From your confirmation, e.g. 482913.";

export function CheckStatusForm() {
  const { form, problem, done, submit } = useActionForm<CheckStatusInput>({ schema: ZCheckStatus, defaultValues: { email: "", number: "" }, unreachable: SEND_FAILED, refreshOnSuccess: false });
  const { register, handleSubmit, formState } = form;
  const { errors, isSubmitting } = formState;
  const emailError = errors.email?.message;
  const numberError = errors.number?.message;

  const onSubmit = handleSubmit((values) => submit(() => checkStatusAction(values), SENT));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-busy={isSubmitting}>
      {problem ? <Alert tone="error">{problem.message}</Alert> : null}
      {done ? (
        <Alert tone="success" title="Check your inbox">
          {done} It may take a few minutes to arrive; look in your spam folder too.
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
