"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { setPasswordAction } from "@/lib/auth/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ZSetPassword, type SetPasswordInput } from "@/lib/auth/set-password-schema";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<SetPasswordInput>({ resolver: zodResolver(ZSetPassword), defaultValues: { token, password: "", confirm: "" } });
  const { errors, isSubmitting } = formState;
  const hint = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const result = await setPasswordAction(values);
      if (result.ok) return setDone(true);
      for (const [field, message] of Object.entries(result.fieldErrors)) setError(field as keyof SetPasswordInput, { type: "server", message });
      setProblem(result.message);
    } catch {
      setProblem("The help desk could not be reached. Check your connection and try again.");
    }
  });

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
      {problem ? <Alert tone="error">{problem}</Alert> : null}
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
