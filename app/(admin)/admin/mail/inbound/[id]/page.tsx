import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { MailStateTag } from "@/components/admin/mail-parts";
import { FactList, PageHeader } from "@/components/admin/page-parts";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { discardInboundMessageAction, retryInboundMessageAction } from "@/lib/mail/admin/actions";
import { inboundMessageDetail } from "@/lib/mail/admin/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { FileWithSenderForm } from "./file-with-sender-form";
import { RetryInboundButton } from "./retry-button";
import { MAX_ID } from "@/lib/config/shared/fields";

export const metadata: Metadata = { title: "Inbound message" };

export default async function InboundMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const id = Number((await params).id);
  const m = Number.isSafeInteger(id) && id > 0 && id <= MAX_ID ? await inboundMessageDetail(actor, id) : null;
  if (!m) notFound();
  const quarantined = m.state === "QUARANTINED";
  const facts: [string, React.ReactNode][] = [
    ["State", <MailStateTag key="s" state={m.state} />],
    ["From", m.fromEmail ?? "—"],
    ...(m.rawFrom ? [["From: line as received", <code key="f" className="break-all font-mono text-xs">{m.rawFrom}</code>] as [string, React.ReactNode]] : []),
    ...(m.senderUnclear ? [["Sender", "Unclear: nobody was mailed about this message"] as [string, React.ReactNode]] : []),
    ...(m.reusedMessageId ? [["Message-ID", "Reused: another message had it first; kept as its own"] as [string, React.ReactNode]] : []),
    ...(m.attempts > 1 ? [["Attempts", String(m.attempts)] as [string, React.ReactNode]] : []),
    ["Mailbox", m.mailbox],
    ["Received", <LocalTime key="r" value={m.receivedAt} />],
    ["Ticket", m.ticketNumber ? <Link key="t" href={`/agent/tickets/${m.ticketNumber}`} className="text-brand-700 hover:underline">#{m.ticketNumber}</Link> : "—"],
  ];
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={m.subject || "(no subject)"} back={{ href: quarantined ? "/admin/mail/inbound?state=QUARANTINED" : "/admin/mail/inbound", label: quarantined ? "Quarantine" : "Inbound mail" }} />
      <FactList facts={facts} />
      {m.error ? (
        <section aria-labelledby="inbound-error" className={`rounded-lg border p-4 ${quarantined ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}>
          <h2 id="inbound-error" className={`text-sm font-semibold ${quarantined ? "text-red-800" : "text-slate-800"}`}>{quarantined ? "Why it is in quarantine" : "Note"}</h2>
          <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-900">{m.error}</pre>
        </section>
      ) : null}
      {/* Rendered in every state so the outcome of a retry stays on screen after the page refreshes. */}
      <div className="flex flex-wrap items-start gap-3">
        <RetryInboundButton id={m.id} action={retryInboundMessageAction} available={quarantined} />
        {quarantined ? <ActionButton action={discardInboundMessageAction} input={{ id: m.id }} label="Discard" variant="danger" confirm="The message leaves the quarantine as Ignored and will not become a ticket; a redelivery of it is ignored too. Its raw source stays available for download." success="Discarded." /> : null}
      </div>
      <FileWithSenderForm id={m.id} available={quarantined} suggested={m.fromEmail && !m.fromEmail.endsWith(".invalid") ? m.fromEmail : ""} />
      {m.rawPreview !== null ? (
        <section aria-labelledby="raw-source" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="raw-source" className="text-base font-semibold">Raw source</h2>
            <a href={`/admin/mail/inbound/${m.id}/raw`} className={buttonClass("secondary", "py-1.5")} download>Download .eml</a>
          </div>
          {m.rawLength > m.rawPreview.length ? <p className="text-sm text-slate-600">Showing the first {m.rawPreview.length.toLocaleString("en")} of {m.rawLength.toLocaleString("en")} characters; download the message for all of it.</p> : null}
          <pre tabIndex={0} aria-label="Raw source of the message" className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-lg border border-slate-200 bg-white p-4 font-mono text-xs text-slate-900 shadow-sm">{m.rawPreview}</pre>
        </section>
      ) : (
        <p className="text-sm text-slate-600">The raw source is kept only for mail that was not filed as a ticket (quarantine, bounces, copies of mail the help desk sent).</p>
      )}
    </div>
  );
}
