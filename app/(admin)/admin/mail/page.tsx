import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { mailSettingsScreen, mailSettingsTopics, mailTransport } from "@/lib/mail/admin/queries";
import type { TransportInEffect } from "@/lib/mail/admin/transport-info";
import { requireAdminPage } from "@/lib/server/guards";
import { MailSettingsForm } from "./mail-settings-form";
import { TestMessageForm } from "./test-message-form";

export const metadata: Metadata = { title: "Mail settings" };

function TransportNotice({ transport }: { transport: TransportInEffect }) {
  if (transport.kind === "env") {
    return (
      <Alert tone="info" title="SMTP_URL is set in the environment">
        Outgoing mail goes to <code className="break-all">{transport.display}</code> (password not shown). It overrides the SMTP server below, which is saved but not used while SMTP_URL is set.
      </Alert>
    );
  }
  if (transport.kind === "smtp") {
    return (
      <Alert tone="info" title="Outgoing mail goes through SMTP">
        Server <code className="break-all">{transport.display}</code>, {transport.encryption === "TLS" ? "TLS from the first byte" : "STARTTLS when the server offers it"}
        {transport.oauth ? <>, signed in with OAuth 2.0 (<Link href="/admin/mail/smtp-oauth" className="font-medium underline">SMTP sign-in</Link>)</> : null}.
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="No mail server: messages stay on this machine">
      With no SMTP host, outgoing mail is written as .eml files to <code className="break-all">{transport.folder}</code> and nobody receives it. Every message is still listed under <Link href="/admin/mail/outbox" className="font-medium underline">Outbox</Link>.
    </Alert>
  );
}

export default async function MailSettingsPage() {
  const actor = await requireAdminPage();
  const [s, topics, transport] = await Promise.all([mailSettingsScreen(actor), mailSettingsTopics(actor), mailTransport(actor)]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Mail settings" description="Who mail comes from, how it leaves, and where incoming mail is filed." />
      <TransportNotice transport={transport} />
      <MailSettingsForm
        topics={topics}
        hasPassword={s.smtp.hasPassword}
        version={s.version}
        initial={{
          mailFromAddress: s.mailFromAddress,
          smtpHost: s.smtp.host,
          smtpPort: String(s.smtp.port),
          smtpSecurity: s.smtp.secure ? "tls" : "starttls",
          smtpUser: s.smtp.user,
          smtpAuth: s.smtp.auth,
          smtpPassword: "",
          clearSmtpPassword: false,
          mailboxes: s.mailMailboxes.map((m) => ({ address: m.address, helpTopicId: String(m.helpTopicId) })),
          mailDefaultHelpTopicId: s.mailDefaultHelpTopicId ? String(s.mailDefaultHelpTopicId) : "",
          mailMaxNewTicketsPerSenderHour: String(s.mailMaxNewTicketsPerSenderHour),
        }}
      />
      <TestMessageForm defaultTo={actor.email} />
    </div>
  );
}
