"use client";
import { FormFeedback, SubmitRow, TextField, useAdminForm } from "@/components/admin/form-kit";
import { changePasswordAction } from "@/lib/auth/account-actions";
import { ZChangePassword, type ChangePasswordInput } from "@/lib/auth/account-schemas";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

export function ChangePasswordForm({ email }: { email: string }) {
  const { form, problem, done, submit } = useAdminForm<ChangePasswordInput>(ZChangePassword, { current: "", password: "", confirm: "" });
  return (
    <form
      noValidate
      aria-label="Change password"
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        submit(async () => {
          const result = await changePasswordAction(values);
          if (result.ok) form.reset();
          return result;
        }, "Password changed. You were signed out everywhere else."),
      )}
    >
      <FormFeedback problem={problem} done={done} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField form={form} name="current" label="Current password" type="password" autoComplete="current-password" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={form} name="password" label="New password" type="password" autoComplete="new-password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
        <TextField form={form} name="confirm" label="Repeat the new password" type="password" autoComplete="new-password" />
      </div>
      <SubmitRow label="Change password" pending={form.formState.isSubmitting} />
    </form>
  );
}
