"use client";
// One field for a six-digit code (or a recovery code), submitted to a server action. Shared by the
// sign-in step, two-factor set-up and new recovery codes.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResultLike } from "@/components/tickets/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { ZSecondFactorCode, type SecondFactorCodeInput } from "@/lib/auth/account-schemas";

export function CodeForm({ action, onDone, label, hint, submitLabel, allowRecovery = false, id = "code" }: {
  action: (input: SecondFactorCodeInput) => Promise<ActionResultLike>;
  onDone: (data: unknown) => void;
  label: string;
  hint?: string;
  submitLabel: string;
  allowRecovery?: boolean;
  id?: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SecondFactorCodeInput>({ resolver: zodResolver(ZSecondFactorCode), defaultValues: { code: "" } });
  const error = formState.errors.code?.message;
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    let result: ActionResultLike;
    try {
      result = await action(values);
    } catch {
      return setProblem("The help desk could not be reached. Check your connection and try again.");
    }
    if (result.ok) return onDone(result.data);
    if (result.fieldErrors.code) setError("code", { type: "server", message: result.fieldErrors.code });
    setProblem(result.fieldErrors.code === result.message ? null : result.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
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
