"use client";
// One field for a six-digit code (or a recovery code), submitted to a server action. Shared by the
// sign-in step, two-factor set-up and new recovery codes.
import { useActionForm, type ActionData, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { ZSecondFactorCode, type SecondFactorCodeInput } from "@/lib/auth/account-schemas";

export function CodeForm<R extends ActionResultLike>({ action, onDone, label, hint, submitLabel, allowRecovery = false, id = "code" }: {
  action: (input: SecondFactorCodeInput) => Promise<R>;
  onDone: (data: ActionData<R>) => void;
  label: string;
  hint?: string;
  submitLabel: string;
  allowRecovery?: boolean;
  id?: string;
}) {
  // A refused code is said once, under the field (the hook drops a form message that repeats it).
  // What follows a success is the caller's (a navigation, new codes on screen): no refresh here.
  const { form, problem, submit } = useActionForm<SecondFactorCodeInput>({
    schema: ZSecondFactorCode,
    defaultValues: { code: "" },
    unreachable: "The help desk could not be reached. Check your connection and try again.",
    refreshOnSuccess: false,
  });
  const { register, handleSubmit, formState } = form;
  const error = formState.errors.code?.message;
  const onSubmit = handleSubmit((values) => submit(() => action(values), null, onDone));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {problem ? <Alert tone="error">{problem.message}</Alert> : null}
      <Field id={id} label={label} hint={hint} error={error}>
        <Input
          id={id}
          autoComplete="one-time-code"
          inputMode={allowRecovery ? "text" : "numeric"}
          autoCapitalize="characters"
          spellCheck={false}
          className="max-w-64 font-mono tracking-wider"
          aria-invalid={!!error}
          aria-describedby={describedBy(id, { hint, error })}
          {...register("code")}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>{formState.isSubmitting ? "Checking…" : submitLabel}</Button>
    </form>
  );
}
