import { LocalTime } from "@/components/ui/local-time";
import type { MailNotice } from "@/lib/mail/inbound/ticket-notices";

const TEXT: Record<MailNotice["kind"], { title: string; body: string }> = {
  "sender-unclear": {
    title: "Sender unclear",
    body: "The From: line of this mail did not name one clear address, so nobody was mailed about it (no auto-response, no private link). Check who wrote it before you answer, and correct the requester's address.",
  },
  "reused-message-id": {
    title: "Reused Message-ID",
    body: "This mail carried the Message-ID of a different, earlier message. It was kept as its own message and not threaded by that ID.",
  },
  bounce: {
    title: "Delivery failure",
    body: "A mail server reported that mail about this ticket could not be delivered.",
  },
};

/** Notices from the inbound mail pipeline; header text is shown as text (React escapes it). */
export function MailNotices({ notices }: { notices: MailNotice[] }) {
  if (!notices.length) return null;
  return (
    <section aria-labelledby="mail-notices-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 id="mail-notices-title" className="font-semibold">Mail notices</h2>
      <ul className="mt-2 space-y-3">
        {notices.map((n) => (
          <li key={`${n.kind}-${n.id}`} data-notice={n.kind}>
            <p>
              <span className="font-semibold">{TEXT[n.kind].title}</span> · <LocalTime value={n.receivedAt} />
              {n.subject ? <> · “{n.subject}”</> : null}
            </p>
            <p className="mt-0.5">{TEXT[n.kind].body}</p>
            {n.detail ? (
              <p className="mt-1">
                {n.kind === "sender-unclear" ? "From: line as received: " : ""}
                <code className="break-all rounded bg-white px-1 py-0.5 font-mono text-xs text-slate-900">{n.detail}</code>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
