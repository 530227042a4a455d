"use client";
import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import { createMailboxAction, updateMailboxAction } from "@/lib/mail/admin/actions";
import { ZCreateMailbox, ZUpdateMailbox } from "@/lib/mail/admin/schemas";
import { EMPTY_OAUTH, OAuthFields, RadioCards, type OAuthValues } from "../oauth-fields";

export type MailboxValues = OAuthValues & { id?: number; name: string; host: string; port: string; secure: boolean; username: string; password: string; folder: string; helpTopicId: string; active: boolean; authMethod: "password" | "oauth" };

/** The providers' IMAP servers, filled in when the host is empty or still another provider's. */
const IMAP_SERVERS = { microsoft: { host: "outlook.office365.com", port: "993", secure: true }, google: { host: "imap.gmail.com", port: "993", secure: true } } as const;

const SIGN_IN = [
  { value: "password", label: "With a password", hint: "The account's password, or an app password." },
  { value: "oauth", label: "With OAuth 2.0", hint: "Microsoft 365 or Gmail, where passwords are switched off." },
];

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function MailboxForm({ initial, version = "", topics, hasPassword = false, hasSecret = false, redirectUri }: { initial?: MailboxValues & { id: number }; version?: string; topics: Choice[]; hasPassword?: boolean; hasSecret?: boolean; redirectUri: string }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<MailboxValues>(
    editing ? ZUpdateMailbox : ZCreateMailbox,
    initial ?? { name: "", host: "", port: "993", secure: true, username: "", password: "", folder: "INBOX", helpTopicId: "", active: true, authMethod: "password", ...EMPTY_OAUTH },
  );
  const method = useWatch({ control: form.control, name: "authMethod" });
  const oauth = method === "oauth";

  function presetServer(provider: OAuthValues["oauthProvider"]) {
    const host = form.getValues("host").trim();
    if (host && !Object.values(IMAP_SERVERS).some((s) => s.host === host)) return;
    const s = IMAP_SERVERS[provider];
    form.setValue("host", s.host);
    form.setValue("port", s.port);
    form.setValue("secure", s.secure);
  }

  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(async () => {
          const result = (await saved.save(updateMailboxAction({ ...values, version: saved.current }))) as ActionResultLike;
          // The saved password and client secret are never shown again; clear what was typed once stored.
          if (result.ok) {
            form.setValue("password", "");
            form.setValue("oauthClientSecret", "");
          }
          return result;
        }, "Mailbox saved.")
      : submit(async () => {
          const result = (await createMailboxAction(values)) as ActionResultLike;
          if (result.ok) router.push(`/admin/mail/mailboxes/${(result.data as { id: number }).id}?created=1`);
          return result;
        }, "Mailbox created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit mailbox" : "New mailbox"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This mailbox changed while you were editing" />
      <FormSection title="Mailbox">
        <TextField form={form} name="name" label="Name" required hint="Shown in the inbound log and the quarantine, e.g. Support inbox." />
        <SelectField form={form} name="helpTopicId" label="Help topic for new tickets" empty="From the mail settings" choices={topics} hint="Replies always join their ticket, whatever the topic." />
        <CheckboxField form={form} name="active" label="Active" hint="Only active mailboxes are polled." />
      </FormSection>
      <FormSection title="Server" description="The help desk signs in, takes unread mail from the folder and marks each message read once it is stored.">
        <RadioCards form={form} name="authMethod" legend="Sign-in" options={SIGN_IN} onPick={(v) => v === "oauth" && presetServer(form.getValues("oauthProvider"))} />
        <TextField form={form} name="host" label="IMAP server" required hint={oauth ? "Filled in for the provider; change it only for a special setup." : "e.g. imap.example.com"} />
        <TextField form={form} name="port" label="Port" required inputMode="numeric" className="max-w-32" hint="993 for TLS, 143 for STARTTLS." />
        <CheckboxField form={form} name="secure" label="TLS from the start" hint="On for port 993. Off: the connection is upgraded with STARTTLS when the server offers it." />
        <TextField form={form} name="username" label={oauth ? "Mailbox address" : "Username"} required autoComplete="off" hint={oauth ? "The address of the mailbox, e.g. support@contoso.com: the account to sign in as at the provider." : undefined} />
        {oauth ? null : (
          <TextField
            form={form}
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            required={!editing || !hasPassword}
            hint={editing && hasPassword ? "Leave empty to keep the saved password. It is never shown again." : "Stored on the server and never shown again. Prefer an app password."}
          />
        )}
        <TextField form={form} name="folder" label="Folder" required hint="Usually INBOX." />
      </FormSection>
      {oauth ? (
        <FormSection title="OAuth 2.0 app" description="The app registration the help desk signs in through. After saving, connect the mailbox on its page.">
          <OAuthFields form={form} hasSecret={hasSecret} redirectUri={redirectUri} onProvider={presetServer} />
        </FormSection>
      ) : null}
      <SubmitRow label={editing ? "Save mailbox" : "Create mailbox"} pending={form.formState.isSubmitting} />
    </form>
  );
}
