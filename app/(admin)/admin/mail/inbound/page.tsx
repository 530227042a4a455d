import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPager, MailStateTag, StateFilter } from "@/components/admin/mail-parts";
import { AdminTable, EmptyList, listHref, PageHeader } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { inboundPage, inboundStateCounts } from "@/lib/mail/admin/queries";
import { INBOUND_STATES, ZInboundParams } from "@/lib/mail/admin/schemas";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Inbound & quarantine" };

export default async function InboundPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZInboundParams.parse(await searchParams);
  const [counts, page] = await Promise.all([inboundStateCounts(actor), inboundPage(actor, params)]);
  const quarantined = counts.QUARANTINED;
  return (
    <div className="space-y-5">
      <PageHeader title="Inbound & quarantine" description="Every message the help desk received, newest first. Mail that could not be filed waits in quarantine with its error and raw source." />
      {quarantined > 0 && params.state !== "QUARANTINED" ? (
        <Alert tone="warning" title={`${quarantined.toLocaleString("en")} ${quarantined === 1 ? "message is" : "messages are"} in quarantine`}>
          <Link href={listHref("/admin/mail/inbound", { state: "QUARANTINED" })} className="font-medium underline">Review the quarantine</Link>: fix the cause (often a help topic or a mail setting), then retry, or discard.
        </Alert>
      ) : null}
      <StateFilter path="/admin/mail/inbound" label="Message state" states={INBOUND_STATES} counts={counts} current={params.state} />
      {page.rows.length === 0 ? (
        <EmptyList>{params.state === "QUARANTINED" ? "The quarantine is empty." : params.state ? "No messages in this state." : "No mail received yet."}</EmptyList>
      ) : (
        <AdminTable label="Inbound messages, newest first" head={["Subject", "From", "Mailbox", "Received", "State", "Ticket / reason"]}>
          {page.rows.map((m) => (
            <tr key={m.id}>
              <td className="max-w-72 px-3 py-2">
                <Link href={`/admin/mail/inbound/${m.id}`} className="break-words font-medium text-slate-900 hover:text-brand-700">{m.subject || "(no subject)"}</Link>
              </td>
              <td data-label="From" className="max-w-56 break-words px-3 py-2 text-slate-700">{m.fromEmail ?? "—"}</td>
              <td data-label="Mailbox" className="px-3 py-2 text-slate-700">{m.mailbox}</td>
              <td data-label="Received" className="whitespace-nowrap px-3 py-2 text-slate-700"><LocalTime value={m.receivedAt} /></td>
              <td data-label="State" className="px-3 py-2"><MailStateTag state={m.state} /></td>
              <td data-label={m.ticketNumber ? "Ticket" : "Reason"} className="max-w-80 px-3 py-2 text-slate-700">
                {m.ticketNumber ? <Link href={`/agent/tickets/${m.ticketNumber}`} className="text-brand-700 hover:underline">#{m.ticketNumber}</Link> : <span className="line-clamp-2 break-words">{m.error ?? "—"}</span>}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <KeysetPager path="/admin/mail/inbound" params={{ state: params.state }} before={params.before} next={page.next} olderLabel="Older messages" />
    </div>
  );
}
