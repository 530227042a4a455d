import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { MailStateTag } from "@/components/admin/mail-parts";
import { FactList, PageHeader } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { discardOutboxMessageAction, retryOutboxMessageAction } from "@/lib/mail/admin/actions";
import { outboxMessageDetail } from "@/lib/mail/admin/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Outgoing message" };

export default async function OutboxMessagePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ retried?: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const { retried } = await searchParams;
  const m = Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? await outboxMessageDetail(actor, id) : null;
  if (!m) notFound();
  const canRetry = m.state === "FAILED" || (m.state === "PENDING" && m.attempts > 0);
  const canDiscard = m.state !== "SENT";
  const facts: [string, React.ReactNode][] = [
    ["State", <MailStateTag key="s" state={m.state} />],
    ["To", m.toAddress],
    ["Ticket", m.ticketNumber ? <Link key="t" href={`/agent/tickets/${m.ticketNumber}`} className="text-brand-700 hover:underline">#{m.ticketNumber}</Link> : "—"],
    ["Queued", <LocalTime key="q" value={m.createdAt} />],
    ["Attempts", String(m.attempts)],
    [m.state === "SENT" ? "Sent" : "Next attempt", m.state === "SENT" && m.sentAt ? <LocalTime key="n" value={m.sentAt} /> : m.state === "PENDING" ? <LocalTime key="n" value={m.nextAttemptAt} /> : "—"],
  ];
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={m.subject || "(no subject)"} back={{ href: "/admin/mail/outbox", label: "Outbox" }} />
      {/* After "Retry now" the button goes (a fresh message has nothing to retry): the outcome stays here. */}
      {retried && m.state !== "FAILED" ? <Alert tone="success">{m.state === "SENT" ? "Sent." : "Queued again: the outbox sends it within a few seconds."}</Alert> : null}
      <FactList facts={facts} />
      {m.lastError ? (
        <section aria-labelledby="last-error" className="rounded-lg border border-red-200 bg-red-50 p-4">
          <h2 id="last-error" className="text-sm font-semibold text-red-800">Last error</h2>
          <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-red-900">{m.lastError}</pre>
        </section>
      ) : null}
      {canRetry || canDiscard ? (
        <div className="flex flex-wrap items-start gap-3">
          {canRetry ? <ActionButton action={retryOutboxMessageAction} input={{ id: m.id }} label="Retry now" variant="primary" success="Queued again: the outbox sends it within a few seconds." redirectTo={`/admin/mail/outbox/${m.id}?retried=1`} /> : null}
          {canDiscard ? <ActionButton action={discardOutboxMessageAction} input={{ id: m.id }} label="Discard" variant="danger" confirm="The message will not be sent. It stays in the list as Failed, cancelled by you." success="Discarded: it will not be sent." /> : null}
        </div>
      ) : null}
      <section aria-labelledby="headers" className="space-y-2">
        <h2 id="headers" className="text-base font-semibold">Headers</h2>
        {Object.keys(m.headers).length ? (
          <dl className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs shadow-sm sm:grid-cols-[10rem_1fr]">
            {Object.entries(m.headers).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="min-w-0 break-all text-slate-900">{String(v)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-600">No extra headers (From, To and Subject are added when it is sent).</p>
        )}
      </section>
      <section aria-labelledby="text-part" className="space-y-2">
        <h2 id="text-part" className="text-base font-semibold">Text</h2>
        <pre tabIndex={0} aria-label="Text of the message" className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs text-slate-900 shadow-sm">{m.textBody}</pre>
      </section>
      {m.htmlBody ? (
        // The HTML part as escaped source, never rendered: it is built from ticket text anyone can
        // write, and the source is what an admin checking a delivery needs. (A sandbox="" frame was
        // tried: safe too, but it blinds accessibility checkers and renders nothing that matters here.)
        <section aria-labelledby="html-part" className="space-y-2">
          <h2 id="html-part" className="text-base font-semibold">HTML source</h2>
          <pre tabIndex={0} aria-label="HTML source of the message" className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs text-slate-900 shadow-sm">{m.htmlBody}</pre>
        </section>
      ) : null}
    </div>
  );
}
