import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, EmptyList, PageHeader, StateTag } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { mailboxList } from "@/lib/mail/admin/queries";
import { providerLabel } from "@/lib/mail/oauth/providers";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Mailboxes" };

export default async function MailboxesPage({ searchParams }: { searchParams: Promise<{ oauth?: string }> }) {
  const actor = await requireAdminPage();
  const [mailboxes, query] = await Promise.all([mailboxList(actor), searchParams]);
  return (
    <div className="space-y-5">
      <PageHeader
        title="Mailboxes"
        description="IMAP mailboxes the help desk polls for new mail. Each message becomes a ticket or a reply, and is marked read only once it is stored."
        action={{ href: "/admin/mail/mailboxes/new", label: "New mailbox" }}
      />
      {/* A consent callback that no consent of this browser started lands here: nothing was changed. */}
      {query.oauth === "stale" ? <Alert tone="warning" title="That sign-in did not belong to this page.">It was started elsewhere, by someone else, or too long ago. Nothing changed; use Connect on the mailbox to start again.</Alert> : null}
      {mailboxes.length === 0 ? (
        <EmptyList>No mailboxes yet. Add one to turn mail into tickets.</EmptyList>
      ) : (
        <AdminTable label="Mailboxes" head={["Name", "Account", "Folder", "Help topic", "State", "Last poll"]}>
          {mailboxes.map((m) => (
            <tr key={m.id}>
              <td className="px-3 py-2"><Link href={`/admin/mail/mailboxes/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700">{m.name}</Link></td>
              <td data-label="Account" className="break-all px-3 py-2 text-slate-700">
                {m.username} on {m.host}:{m.port}
                {m.authMethod === "oauth" && m.oauth ? <span className="block text-xs text-slate-600">OAuth 2.0 · {providerLabel(m.oauth.provider)}</span> : null}
              </td>
              <td data-label="Folder" className="px-3 py-2 text-slate-700">{m.folder}</td>
              <td data-label="Help topic" className="px-3 py-2 text-slate-700">{m.helpTopic?.name ?? "From mail settings"}</td>
              <td data-label="State" className="px-3 py-2">{m.active ? <StateTag tone="green">Active</StateTag> : <StateTag tone="slate">Inactive</StateTag>}</td>
              <td data-label="Last poll" className="px-3 py-2 text-slate-700">
                {m.authMethod === "oauth" && m.oauth?.needsReconnect ? (
                  <div className="space-y-1">
                    <StateTag tone="red">Reconnect needed</StateTag>
                    <p className="break-words text-xs text-red-700">{m.lastError}</p>
                    <Link href={`/admin/mail/mailboxes/${m.id}`} className="text-xs font-medium text-brand-700 underline">Reconnect {m.name}</Link>
                  </div>
                ) : m.lastError ? (
                  <div className="space-y-1">
                    <StateTag tone="red">Error</StateTag>{" "}
                    {m.lastErrorAt ? <LocalTime value={m.lastErrorAt} relative className="text-xs text-slate-600" /> : null}
                    <p className="break-words text-xs text-red-700">{m.lastError}</p>
                  </div>
                ) : m.lastPolledAt ? (
                  <><StateTag tone="green">OK</StateTag> <LocalTime value={m.lastPolledAt} relative className="text-xs text-slate-600" /></>
                ) : (
                  <span className="text-slate-600">Not polled yet</span>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}
