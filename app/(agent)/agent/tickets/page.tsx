import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { LocalTime } from "@/components/ui/local-time";
import { requireStaffPage } from "@/lib/server/guards";
import { requestQueueTotal } from "@/lib/tickets/cached-counts";
import { formatCount } from "@/lib/tickets/queue-counts";
import { queueFilterChoices, queueRows, ticketNumberVisibleTo } from "@/lib/tickets/queries";
import type { QueueRow } from "@/lib/tickets/queue-query";
import { ZQueueParams, type QueueParams } from "@/lib/tickets/schemas";
import { slaBadge, waitingOn, type StatusKind } from "@/lib/tickets/workflow";
import { QueueFilters } from "./queue-filters";

export const metadata: Metadata = { title: "Tickets" };

const QUEUE_TITLES: Record<QueueParams["queue"], string> = {
  open: "Open tickets",
  mine: "My tickets",
  unassigned: "Unassigned",
  overdue: "Overdue",
  watching: "Following",
  closed: "Resolved and closed",
  all: "All tickets",
};

function href(params: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return `/agent/tickets?${q.toString()}`;
}

function Assignee({ row }: { row: QueueRow }) {
  if (row.assignee) return <>{row.assignee.name}</>;
  if (row.team) return <>{row.team.name} <span className="text-slate-500">(team)</span></>;
  return <span className="text-slate-500">Unassigned</span>;
}

function SlaFlag({ row, now }: { row: QueueRow; now: Date }) {
  const badge = slaBadge(row, now);
  if (!badge) return null;
  return <span className={`flag ${badge.tone === "overdue" ? "flag-overdue" : "flag-soon"}`}>{badge.label}</span>;
}

/** Whose move it is, and how long the requester has waited since they last wrote. */
function Waiting({ row }: { row: QueueRow }) {
  const who = waitingOn(row.status.kind as StatusKind);
  const last = row.requesterWroteAt;
  if (!who) return <span className="text-slate-500">—</span>;
  return (
    <span className={who === "us" ? "waiting waiting-us" : "waiting waiting-requester"}>
      {who === "us" ? "On us" : "On requester"}
      {last ? <> · <span className="sr-only">requester wrote </span><LocalTime value={last} relative /></> : null}
    </span>
  );
}

/** Why a queue is empty, in its own words. */
const EMPTY: Record<QueueParams["queue"], string> = {
  open: "No open tickets: nothing is waiting.",
  mine: "Nothing is assigned to you right now.",
  unassigned: "Every open ticket has someone on it.",
  overdue: "No open ticket is past its due time.",
  watching: "You follow no tickets yet: tickets you work on or are mentioned in appear here.",
  closed: "No resolved or closed tickets yet.",
  all: "No tickets yet.",
};

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage();
  const raw = await searchParams;
  const params = ZQueueParams.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  // The header's finder: a ticket number the agent may see opens that ticket; anything else searches.
  if (raw.go === "1" && params.q) {
    const number = await ticketNumberVisibleTo(actor, params.q);
    if (number) redirect(`/agent/tickets/${encodeURIComponent(number)}`);
  }
  const [page, total, { statuses, priorities, departments, agents, teams }] = await Promise.all([queueRows(actor, params), requestQueueTotal(actor, params), queueFilterChoices(actor)]);
  const { after: _after, ...current } = params;
  void _after;
  const filtered = [params.q, params.status, params.priority, params.department, params.assignee, params.team].some((v) => v !== undefined);
  const now = new Date();
  const title = params.department && params.queue === "open" ? `${departments.find((d) => d.id === params.department)?.name ?? "Department"}: open tickets` : QUEUE_TITLES[params.queue];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-slate-600" data-testid="queue-count">
          {formatCount(total)} {total.value === 1 && !total.capped ? "ticket" : "tickets"}
        </p>
      </div>
      {/* Keyed by the filters so every select shows the URL's value after any navigation ("Clear filters" included). */}
      <QueueFilters key={JSON.stringify(current)} params={current} options={{ statuses, priorities, departments, agents, teams }} />
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600" data-testid="queue-empty">
          {params.after ? (
            <>No more tickets. <Link className="font-medium text-brand-700 underline" href={href({ ...current })}>Back to the first page</Link></>
          ) : filtered ? (
            <>No tickets match these filters — <Link className="font-medium text-brand-700 underline" href={href({ queue: params.queue, sort: params.sort })}>clear filters</Link></>
          ) : (
            EMPTY[params.queue]
          )}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          {/* One table at every width; globals.css turns rows into cards on a phone. */}
          <table className="queue-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Requester</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Department</th>
                <th scope="col">Assignee</th>
                <th scope="col">Waiting on</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <div className="ticket-cell">
                      {/* One line: the subject is cut short on screen; the title and the link's name keep it whole, and focus shows it. */}
                      <Link href={`/agent/tickets/${encodeURIComponent(row.number)}`} title={`#${row.number} ${row.subject}`} className="ticket-subject">
                        <span className="ticket-number">#{row.number}</span> {row.subject}
                      </Link>
                      <SlaFlag row={row} now={now} />
                      {row.escalatedAt && row.isOpen ? <span className="flag flag-escalated">Escalated</span> : null}
                    </div>
                  </td>
                  <td>{row.requester.name}</td>
                  <td><StatusBadge status={row.status} /></td>
                  <td><PriorityBadge priority={row.priority} /></td>
                  <td>{row.department.name}</td>
                  <td><Assignee row={row} /></td>
                  <td><Waiting row={row} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        {params.after ? <Link href={href({ ...current })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">First page</Link> : <span />}
        {page.next ? <Link href={href({ ...current, after: page.next })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Next page</Link> : null}
      </nav>
    </div>
  );
}
