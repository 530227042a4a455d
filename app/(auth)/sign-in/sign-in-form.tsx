"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { safeReturnPath } from "@/lib/auth/return-address";
import { ZSignIn, type SignInInput } from "@/lib/auth/schemas";
import { signInMessage as messageFor } from "@/lib/auth/sign-in-messages";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [formError, setFormError] = useState<string | null>(messageFor(initialError));
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(ZSignIn), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFormError(messageFor(result?.error ?? "unknown"));
      return;
    }
    // A full navigation, so every server component sees the new session cookie; checked again here
    // against the page's own origin, so only a page of this site is ever opened.
    window.location.assign(safeReturnPath(callbackUrl, window.location.origin, "/agent"));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="username" aria-invalid={!!errors.email} aria-describedby={describedBy("email", { error: errors.email?.message })} {...register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby={describedBy("password", { error: errors.password?.message })} {...register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
