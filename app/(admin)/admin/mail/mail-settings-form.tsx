"use client";
import { get, useFieldArray, useWatch } from "react-hook-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { describedBy, Input, Select } from "@/components/ui/field";
import { updateMailSettingsAction } from "@/lib/mail/admin/actions";
import { ZMailSettingsForm } from "@/lib/mail/admin/schemas";
import Link from "next/link";
import { RadioCards } from "./oauth-fields";

type Values = {
  mailFromAddress: string; smtpHost: string; smtpPort: string; smtpSecurity: "tls" | "starttls"; smtpUser: string; smtpAuth: "password" | "oauth"; smtpPassword: string; clearSmtpPassword: boolean;
  mailboxes: { address: string; helpTopicId: string }[]; mailDefaultHelpTopicId: string; mailMaxNewTicketsPerSenderHour: string;
};

const SIGN_IN = [
  { value: "password", label: "With a password", hint: "User name and password, or none when the user name is empty." },
  { value: "oauth", label: "With OAuth 2.0", hint: "Microsoft 365 or Gmail, where passwords are switched off." },
];

const SECURITY = [
  { value: "starttls", label: "STARTTLS", hint: "Connects in plain text and switches to TLS when the server offers it. Usually port 587 (or 25)." },
  { value: "tls", label: "TLS from the start", hint: "Encrypted from the first byte, also called SMTPS or implicit TLS. Usually port 465." },
] as const;

export function MailSettingsForm({ initial, topics, hasPassword, version }: { initial: Values; topics: Choice[]; hasPassword: boolean; version: string }) {
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(ZMailSettingsForm, initial);
  const screen = useScreenVersion(version);
  const rows = useFieldArray({ control: form.control, name: "mailboxes" });
  const clearing = useWatch({ control: form.control, name: "clearSmtpPassword" });
  const oauth = useWatch({ control: form.control, name: "smtpAuth" }) === "oauth";
  const securityError = (get(form.formState.errors, "smtpSecurity") as { message?: string } | undefined)?.message;
  const onSubmit = form.handleSubmit((v) =>
    // The password field empties after a save: it never shows what is stored.
    submit(() => screen.save(updateMailSettingsAction({ ...v, version: screen.current })), "Mail settings saved.", () => form.reset({ ...v, smtpPassword: "", clearSmtpPassword: false })),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label="Mail settings">
      <FormFeedback problem={problem} done={done} onReload={() => { screen.follow(); refresh(); }} conflictTitle="These settings changed while you were working" />
      <FormSection title="Sender">
        <TextField form={form} name="mailFromAddress" label="From address" hint='For example: Help desk <support@example.com>. Empty: support@ the help desk address’s domain.' />
      </FormSection>
      <FormSection title="SMTP server" description="Leave the host empty to keep mail on this machine (development).">
        <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
          <TextField form={form} name="smtpHost" label="Host" hint="e.g. smtp.example.com" />
          <TextField form={form} name="smtpPort" label="Port" type="number" inputMode="numeric" />
        </div>
        <fieldset aria-describedby={securityError ? "smtp-security-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Encryption</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {SECURITY.map((s) => (
              <label key={s.value} className="flex cursor-pointer items-start gap-2.5 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" value={s.value} className="mt-0.5 h-4 w-4" aria-describedby={`smtp-security-${s.value}-hint`} {...form.register("smtpSecurity")} />
                <span>
                  <span className="block text-sm font-medium text-slate-800">{s.label}</span>
                  <span id={`smtp-security-${s.value}-hint`} className="block text-xs text-slate-600">{s.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {securityError ? <p id="smtp-security-error" className="mt-1 text-sm text-red-700">{securityError}</p> : null}
        </fieldset>
        <RadioCards form={form} name="smtpAuth" legend="Sign-in" options={SIGN_IN} />
        {oauth ? (
          <>
            <TextField form={form} name="smtpUser" label="Sending address" hint="The account that sends, e.g. support@contoso.com; it signs in with OAuth." />
            <p className="text-sm text-slate-600">
              The provider and the connection are on the <Link href="/admin/mail/smtp-oauth" className="font-medium text-brand-700 underline">SMTP sign-in</Link> page.
            </p>
          </>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField form={form} name="smtpUser" label="User name" hint="Empty: no authentication." />
              <TextField form={form} name="smtpPassword" label="Password" type="password" autoComplete="new-password" hint={clearing ? "The stored password will be removed." : hasPassword ? "A password is stored. Leave empty to keep it." : "No password stored."} />
            </div>
            {hasPassword ? <CheckboxField form={form} name="clearSmtpPassword" label="Remove the stored password" /> : null}
          </>
        )}
      </FormSection>
      <FormSection title="Incoming mail" description="New tickets from mail sent to these addresses are filed under their help topic. Replies always go to their ticket.">
        {rows.fields.length === 0 ? <p className="text-sm text-slate-600">No addresses listed: all new mail goes to the default help topic.</p> : null}
        <ul className="space-y-3" aria-label="Inbound addresses and help topics">
          {rows.fields.map((field, i) => {
            const aErr = (get(form.formState.errors, `mailboxes.${i}.address`) as { message?: string } | undefined)?.message;
            const tErr = (get(form.formState.errors, `mailboxes.${i}.helpTopicId`) as { message?: string } | undefined)?.message;
            const aId = `mailbox-${i}-address`;
            const tId = `mailbox-${i}-topic`;
            return (
              <li key={field.id} className="grid items-start gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_auto]">
                <div>
                  <label htmlFor={aId} className="block text-xs font-medium text-slate-600">Address</label>
                  <Input id={aId} type="email" inputMode="email" autoComplete="off" aria-invalid={!!aErr} aria-describedby={describedBy(aId, { error: aErr })} {...form.register(`mailboxes.${i}.address`)} />
                  {aErr ? <p id={`${aId}-error`} className="mt-1 text-sm text-red-700">{aErr}</p> : null}
                </div>
                <div>
                  <label htmlFor={tId} className="block text-xs font-medium text-slate-600">Help topic</label>
                  <Select id={tId} aria-invalid={!!tErr} aria-describedby={describedBy(tId, { error: tErr })} {...form.register(`mailboxes.${i}.helpTopicId`)}>
                    <option value="">Choose a help topic</option>
                    {topics.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
                  </Select>
                  {tErr ? <p id={`${tId}-error`} className="mt-1 text-sm text-red-700">{tErr}</p> : null}
                </div>
                <Button variant="ghost" className="sm:mt-4" onClick={() => rows.remove(i)} aria-label={`Remove address row ${i + 1}`}>Remove</Button>
              </li>
            );
          })}
        </ul>
        <Button variant="secondary" onClick={() => rows.append({ address: "", helpTopicId: "" })} disabled={topics.length === 0}>Add address</Button>
        <SelectField form={form} name="mailDefaultHelpTopicId" label="Default help topic for mail" empty="The first public help topic" choices={topics} hint="For mail to any other address." />
        <TextField form={form} name="mailMaxNewTicketsPerSenderHour" label="New tickets per sender per hour" type="number" inputMode="numeric" hint="Mail-loop guard: beyond this, more mail from the same sender is recorded as ignored instead of opening tickets." />
      </FormSection>
      <SubmitRow label="Save mail settings" pending={form.formState.isSubmitting} />
    </form>
  );
}
