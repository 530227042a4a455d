import Link from "next/link";
import { StatusBadge } from "@/components/tickets/ticket-badges";
import { LocalTime } from "@/components/ui/local-time";
import type { requesterPanel } from "@/lib/tickets/workspace-query";

type Panel = NonNullable<Awaited<ReturnType<typeof requesterPanel>>>;

function TicketList({ label, tickets }: { label: string; tickets: Panel["open"] }) {
  if (!tickets.length) return null;
  return (
    <div>
      <h3 className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</h3>
      <ul className="mt-1 space-y-1" aria-label={label}>
        {tickets.map((t) => (
          <li key={t.id} className="flex items-center gap-2 text-sm">
            <Link href={`/agent/tickets/${encodeURIComponent(t.number)}`} title={`#${t.number} ${t.subject}`} className="min-w-0 flex-1 truncate text-slate-800 hover:text-brand-700 hover:underline">
              <span className="font-mono text-xs text-slate-500">#{t.number}</span> {t.subject}
            </Link>
            <StatusBadge status={t.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Who wrote in, and what else they have asked that this agent may see. */
/** `details`, when given, shows who they are in its own way (the agents' editable form). */
export function RequesterCard({ panel, details }: { panel: Panel; details?: React.ReactNode }) {
  return (
    <section aria-labelledby={details ? "requester-heading" : "requester-title"} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="requester">
      <div>
        {details ?? (
          <>
            <h2 id="requester-title" className="text-sm font-semibold">Requester</h2>
            <p className="mt-1 text-sm font-medium text-slate-900">{panel.name}</p>
            <p className="break-all text-sm text-slate-700">{panel.email}</p>
            {panel.phone ? <p className="text-sm text-slate-700">{panel.phone}</p> : null}
          </>
        )}
        <p className="text-xs text-slate-600">
          {panel.organisation ? <>Organisation: {panel.organisation} · </> : null}first wrote <LocalTime value={panel.createdAt} />
        </p>
      </div>
      <TicketList label="Other open tickets" tickets={panel.open} />
      <TicketList label="Recently closed" tickets={panel.recent} />
      {!panel.open.length && !panel.recent.length ? <p className="text-sm text-slate-600">No other tickets you can see.</p> : null}
    </section>
  );
}
