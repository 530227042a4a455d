import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { oauthRedirectUri } from "@/lib/mail/admin/oauth-consent";
import { mailboxTopics } from "@/lib/mail/admin/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { MailboxForm } from "../mailbox-form";

export const metadata: Metadata = { title: "New mailbox" };

export default async function NewMailboxPage() {
  const actor = await requireAdminPage();
  const topics = await mailboxTopics(actor);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="New mailbox" back={{ href: "/admin/mail/mailboxes", label: "Mailboxes" }} description="After creating it, connect it (OAuth) and test the connection; the poller picks it up within a minute." />
      <MailboxForm topics={topics} redirectUri={oauthRedirectUri()} />
    </div>
  );
}
