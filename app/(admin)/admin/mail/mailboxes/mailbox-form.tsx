"use client";
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/tickets/use-action-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, type Choice } from "@/components/admin/form-kit";
import { createMailboxAction, updateMailboxAction } from "@/lib/admin/mailbox-actions";
import { ZCreateMailbox, ZUpdateMailbox } from "@/lib/admin/mailbox-schemas";

export type MailboxValues = { id?: number; name: string; host: string; port: string; secure: boolean; username: string; password: string; folder: string; helpTopicId: string; active: boolean };

export function MailboxForm({ initial, topics }: { initial?: MailboxValues & { id: number }; topics: Choice[] }) {
  const router = useRouter();
  const editing = !!initial;
  const { form, problem, done, submit } = useAdminForm<MailboxValues>(
    editing ? ZUpdateMailbox : ZCreateMailbox,
    initial ?? { name: "", host: "", port: "993", secure: true, username: "", password: "", folder: "INBOX", helpTopicId: "", active: true },
  );
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(async () => {
          const result = (await updateMailboxAction(values)) as ActionResultLike;
          // The saved password is never shown again; clear what was typed once it is stored.
          if (result.ok) form.setValue("password", "");
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
      <FormFeedback problem={problem} done={done} />
      <FormSection title="Mailbox">
        <TextField form={form} name="name" label="Name" required hint="Shown in the inbound log and the quarantine, e.g. Support inbox." />
        <SelectField form={form} name="helpTopicId" label="Help topic for new tickets" empty="From the mail settings" choices={topics} hint="Replies always join their ticket, whatever the topic." />
        <CheckboxField form={form} name="active" label="Active" hint="Only active mailboxes are polled." />
      </FormSection>
      <FormSection title="Server" description="The help desk signs in, takes unread mail from the folder and marks each message read once it is stored.">
        <TextField form={form} name="host" label="IMAP server" required hint="e.g. imap.example.com" />
        <TextField form={form} name="port" label="Port" required inputMode="numeric" className="max-w-32" hint="993 for TLS, 143 for STARTTLS." />
        <CheckboxField form={form} name="secure" label="TLS from the start" hint="On for port 993. Off: the connection is upgraded with STARTTLS when the server offers it." />
        <TextField form={form} name="username" label="Username" required autoComplete="off" />
        <TextField
          form={form}
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required={!editing}
          hint={editing ? "Leave empty to keep the saved password. It is never shown again." : "Stored on the server and never shown again. Prefer an app password."}
        />
        <TextField form={form} name="folder" label="Folder" required hint="Usually INBOX." />
      </FormSection>
      <SubmitRow label={editing ? "Save mailbox" : "Create mailbox"} pending={form.formState.isSubmitting} />
    </form>
  );
}
