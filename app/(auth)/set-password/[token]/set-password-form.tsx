"use client";
import Link from "next/link";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { setPasswordAction } from "@/lib/auth/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ZSetPassword, type SetPasswordInput } from "@/lib/auth/set-password-schema";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [done, setDone] = useState(false);
  const { form, problem, submit } = useActionForm<SetPasswordInput>({
    schema: ZSetPassword,
    defaultValues: { token, password: "", confirm: "" },
    unreachable: "The help desk could not be reached. Check your connection and try again.",
    refreshOnSuccess: false,
  });
  const { register, handleSubmit, formState } = form;
  const { errors, isSubmitting } = formState;
  const hint = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`;

  const onSubmit = handleSubmit((values) => submit(() => setPasswordAction(values), null, () => setDone(true)));

  if (done) {
    return (
      <div className="mt-4 space-y-4">
        <Alert tone="success" title="Your password is set.">Sign in with {email} and your new password.</Alert>
        <Link href="/sign-in" className={buttonClass("primary", "w-full")}>Go to sign-in</Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
      {problem ? <Alert tone="error">{problem.message}</Alert> : null}
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="password" label="New password" hint={hint} error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} aria-describedby={describedBy("password", { hint, error: errors.password?.message })} {...register("password")} />
      </Field>
      <Field id="confirm" label="Repeat the password" error={errors.confirm?.message}>
        <Input id="confirm" type="password" autoComplete="new-password" aria-invalid={!!errors.confirm} aria-describedby={describedBy("confirm", { error: errors.confirm?.message })} {...register("confirm")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Set password"}</Button>
    </form>
  );
}
