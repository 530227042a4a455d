"use client";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { FormFeedback, FormSection, SubmitRow, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import { updateSmtpOAuthAction } from "@/lib/mail/admin/actions";
import { ZSmtpOAuthForm } from "@/lib/mail/admin/schemas";
import { OAuthFields, type OAuthValues } from "../oauth-fields";

/** `version`: the sign-in as the page read it; a save after someone else's is refused instead of undoing it. */
export function SmtpOAuthForm({ initial, version, hasSecret, redirectUri }: { initial: OAuthValues; version: string; hasSecret: boolean; redirectUri: string }) {
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<OAuthValues>(ZSmtpOAuthForm, initial);
  // The secret field empties after a save: it never shows what is stored.
  const onSubmit = form.handleSubmit((v) => submit(() => saved.save(updateSmtpOAuthAction({ ...v, version: saved.current })) as Promise<ActionResultLike>, "SMTP sign-in saved.", () => form.reset({ ...v, oauthClientSecret: "" })));
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label="SMTP sign-in">
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="The SMTP sign-in changed while you were editing" />
      <FormSection title="OAuth 2.0 app" description="The app registration outgoing mail signs in through. After saving, connect the sending account above.">
        <OAuthFields form={form} hasSecret={hasSecret} redirectUri={redirectUri} />
      </FormSection>
      <SubmitRow label="Save SMTP sign-in" pending={form.formState.isSubmitting} />
    </form>
  );
}
