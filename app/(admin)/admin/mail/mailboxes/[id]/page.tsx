import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader, StateTag } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { deleteMailboxAction, pollMailboxAction, testMailboxAction } from "@/lib/mail/admin/actions";
import { oauthRedirectUri } from "@/lib/mail/admin/oauth-consent";
import { mailboxToEdit, mailboxTopics } from "@/lib/mail/admin/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { EMPTY_OAUTH } from "../../oauth-fields";
import { ConsentOutcome, OAuthConnection } from "../../oauth-connection";
import { MailboxCheckButton } from "../mailbox-check";
import { MailboxForm } from "../mailbox-form";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Mailbox" };

export default async function MailboxPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; oauth?: string; reason?: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const mailbox = Number.isInteger(id) && id > 0 && id <= MAX_ID ? await mailboxToEdit(actor, id) : null;
  if (!mailbox) notFound();
  const topics = await mailboxTopics(actor, mailbox.helpTopicId);
  const query = await searchParams;
  const created = query.created === "1";
  const grant = mailbox.authMethod === "oauth" ? mailbox.oauthGrant : null;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title={mailbox.name}
        back={{ href: "/admin/mail/mailboxes", label: "Mailboxes" }}
        description={<>{mailbox.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="slate">Inactive</StateTag>} <span className="ml-1">{mailbox.lastPolledAt ? <>Last polled <LocalTime value={mailbox.lastPolledAt} relative /></> : "Not polled yet"}</span></>}
      />
      {created ? <Alert tone="success" title="Mailbox created.">{grant && grant.flow !== "client_credentials" ? "Connect it below, then test the connection." : "Test the connection below."} Active mailboxes are polled every minute.</Alert> : null}
      {grant ? <ConsentOutcome outcome={query.oauth} reason={query.reason} grant={grant} /> : null}
      {mailbox.lastError && !grant?.needsReconnect ? (
        <Alert tone="error" title="The last poll failed.">
          <p className="break-words">{mailbox.lastError}</p>
          {mailbox.lastErrorAt ? <p className="mt-1 text-xs">At <LocalTime value={mailbox.lastErrorAt} />. Cleared by the next poll that succeeds.</p> : null}
        </Alert>
      ) : null}
      <OAuthConnection grant={grant} username={mailbox.username} subject="mailbox" />
      <Card>
        <h2 className="text-base font-semibold">Check</h2>
        <p className="mt-1 text-sm text-slate-600">Test connection signs in and opens the folder without taking any mail. Poll now takes the unread mail at once instead of waiting for the next round.</p>
        <div className="mt-3 flex flex-wrap items-start gap-4">
          <MailboxCheckButton action={testMailboxAction} id={mailbox.id} label="Test connection" pendingLabel="Connecting…" />
          <MailboxCheckButton action={pollMailboxAction} id={mailbox.id} label="Poll now" pendingLabel="Polling…" />
        </div>
      </Card>
      <MailboxForm version={mailbox.version}
        initial={{
          id: mailbox.id, name: mailbox.name, host: mailbox.host, port: String(mailbox.port), secure: mailbox.secure, username: mailbox.username, password: "", folder: mailbox.folder,
          helpTopicId: mailbox.helpTopicId ? String(mailbox.helpTopicId) : "", active: mailbox.active, authMethod: mailbox.authMethod === "oauth" ? "oauth" : "password",
          ...(mailbox.oauthGrant
            ? { oauthProvider: mailbox.oauthGrant.provider, oauthFlow: mailbox.oauthGrant.flow, oauthTenant: mailbox.oauthGrant.tenant, oauthClientId: mailbox.oauthGrant.clientId, oauthClientSecret: "", oauthAuthorizeUrl: mailbox.oauthGrant.authorizeUrl, oauthTokenUrl: mailbox.oauthGrant.tokenUrl }
            : EMPTY_OAUTH),
        }}
        topics={topics}
        hasPassword={mailbox.hasPassword}
        hasSecret={!!mailbox.oauthGrant?.hasSecret}
        redirectUri={oauthRedirectUri()}
      />
      <Card>
        <h2 className="text-base font-semibold">Delete</h2>
        <p className="mt-1 text-sm text-slate-600">Deleting stops polling and forgets the connection and its password or OAuth sign-in. Tickets and the inbound log keep the mailbox&apos;s name. To pause polling instead, clear Active above.</p>
        <div className="mt-3"><ActionButton action={deleteMailboxAction} input={{ id: mailbox.id }} label="Delete mailbox" variant="danger" confirm={`Delete ${mailbox.name}? Mail in it is no longer taken in.`} success="Mailbox deleted." redirectTo="/admin/mail/mailboxes" /></div>
      </Card>
    </div>
  );
}
