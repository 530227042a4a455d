import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPager, MailStateTag, StateFilter } from "@/components/admin/mail-parts";
import { AdminTable, EmptyList, PageHeader } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import { outboxPage, outboxStateCounts } from "@/lib/mail/admin/queries";
import { OUTBOX_STATES, ZOutboxParams } from "@/lib/mail/admin/schemas";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZOutboxParams.parse(await searchParams);
  const [counts, page] = await Promise.all([outboxStateCounts(actor), outboxPage(actor, params)]);
  const now = new Date();
  return (
    <div className="space-y-5">
      <PageHeader title="Outbox" description="Every message the help desk sends, newest first. Failed sends are retried with growing pauses; after the last attempt a message stays Failed until you retry it." />
      <StateFilter path="/admin/mail/outbox" label="Message state" states={OUTBOX_STATES} counts={counts} current={params.state} />
      {page.rows.length === 0 ? (
        <EmptyList>{params.state ? "No messages in this state." : "No mail sent yet."}</EmptyList>
      ) : (
        <AdminTable label="Outgoing messages, newest first" head={["To", "Subject", "Ticket", "State", "Attempts", "Next attempt / sent", "Last error"]}>
          {page.rows.map((m) => (
            <tr key={m.id}>
              <td className="max-w-56 break-words px-3 py-2 text-slate-800">{m.toAddress}</td>
              <td data-label="Subject" className="max-w-72 px-3 py-2">
                <Link href={`/admin/mail/outbox/${m.id}`} className="break-words font-medium text-slate-900 hover:text-brand-700">{m.subject || "(no subject)"}</Link>
              </td>
              <td data-label="Ticket" className="px-3 py-2 whitespace-nowrap">{m.ticketNumber ? <Link href={`/agent/tickets/${m.ticketNumber}`} className="text-brand-700 hover:underline">#{m.ticketNumber}</Link> : "—"}</td>
              <td data-label="State" className="px-3 py-2"><MailStateTag state={m.state} /></td>
              <td data-label="Attempts" className="px-3 py-2 tabular-nums text-slate-700">{m.attempts}</td>
              <td data-label={m.state === "SENT" ? "Sent" : "Next attempt"} className="px-3 py-2 whitespace-nowrap text-slate-700">
                {m.state === "SENT" && m.sentAt ? <LocalTime value={m.sentAt} /> : m.state === "PENDING" ? (m.nextAttemptAt <= now ? "Due now" : <LocalTime value={m.nextAttemptAt} />) : "—"}
              </td>
              <td data-label="Last error" className="max-w-72 px-3 py-2 text-slate-700"><span className="line-clamp-2 break-words">{m.lastError ?? "—"}</span></td>
            </tr>
          ))}
        </AdminTable>
      )}
      <KeysetPager path="/admin/mail/outbox" params={{ state: params.state }} before={params.before} next={page.next} olderLabel="Older messages" />
    </div>
  );
}
