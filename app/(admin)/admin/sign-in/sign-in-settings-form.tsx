"use client";
import { useWatch } from "react-hook-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextareaField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import { updateSignInSettingsAction } from "@/lib/config/settings/actions";
import { ZSignInSettingsForm } from "@/lib/config/settings/sign-in-schemas";

type Values = { jitDomains: string; requireSso: boolean; breakGlassStaffId: string; requireTwoFactor: "off" | "admins" | "everyone" };

export function SignInSettingsForm({ initial, admins, ssoConfigured, version }: { initial: Values; admins: Choice[]; ssoConfigured: boolean; version: string }) {
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(ZSignInSettingsForm, initial);
  const screen = useScreenVersion(version);
  const requireSso = useWatch({ control: form.control, name: "requireSso" });
  return (
    <form noValidate aria-label="Sign-in settings" className="space-y-5" onSubmit={form.handleSubmit((v) => submit(() => screen.save(updateSignInSettingsAction({ ...v, version: screen.current })), "Sign-in settings saved."))}>
      <FormFeedback problem={problem} done={done} onReload={() => { screen.follow(); refresh(); }} conflictTitle="The sign-in settings changed while you were working" />
      <FormSection title="Accounts made at first sign-in" description="Someone who signs in with single sign-on and has no staff account gets one only if their verified email is in one of these domains. They become an agent with no department until an administrator gives them access.">
        <TextareaField form={form} name="jitDomains" label="Email domains" rows={2} hint="For example contoso.com, one per line or separated by commas. Empty: only invited staff can sign in." />
      </FormSection>
      <FormSection title="Require single sign-on" description={ssoConfigured ? "Passwords off for everyone but one break-glass administrator, for when the identity provider is down. Password sessions of everyone else end when you save." : "Set up a single sign-on provider first (see above)."}>
        <CheckboxField form={form} name="requireSso" label="Staff must sign in with single sign-on" />
        {requireSso ? <SelectField form={form} name="breakGlassStaffId" label="Break-glass administrator" empty="Choose an administrator…" choices={admins} hint="Keeps a password. Give this account a long password and two-factor authentication, and store them safely." /> : null}
      </FormSection>
      <FormSection title="Two-factor authentication" description="For password sign-ins. Someone required to use it and without it sets it up at their next sign-in.">
        <SelectField form={form} name="requireTwoFactor" label="Required for" choices={[{ value: "off", label: "Nobody (each person may turn it on)" }, { value: "admins", label: "Administrators" }, { value: "everyone", label: "Everyone" }]} />
      </FormSection>
      <SubmitRow label="Save sign-in settings" pending={form.formState.isSubmitting} />
    </form>
  );
}
