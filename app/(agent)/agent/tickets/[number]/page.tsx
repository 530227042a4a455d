import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { LocalTime } from "@/components/ui/local-time";
import { cannedForTicket } from "@/lib/canned/queries";
import { inlineImagesFor, mailNoticesFor } from "@/lib/mail/queries";
import { requireStaffPage } from "@/lib/server/guards";
import { canTransition, stateWord, type StatusKind } from "@/lib/tickets/workflow";
import { requesterPanelFor, unreadOnTicket, workspaceFor } from "@/lib/tickets/queries";
import { Composer } from "./composer";
import { History } from "./history";
import { MailNotices } from "./mail-notices";
import { PropertiesPanel } from "./properties-panel";
import { ReadOnOpen } from "./read-on-open";
import { RequesterCard } from "./requester-card";
import { RequesterDetails } from "./requester-details";
import { Thread } from "./thread";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Ticket #${decodeURIComponent((await params).number)}` };
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

/** An SLA clock: when it is due, or when it was met; red once it has passed. */
function Clock({ due, metAt, now }: { due: Date | null; metAt: Date | null; now: Date }) {
  if (metAt) return <span className="text-emerald-800">met <LocalTime value={metAt} /></span>;
  if (!due) return <>—</>;
  return due < now ? <span className="text-red-700">overdue since <LocalTime value={due} /></span> : <LocalTime value={due} />;
}

export default async function TicketPage({ params }: { params: Promise<{ number: string }> }) {
  const actor = await requireStaffPage();
  const ws = await workspaceFor(actor, decodeURIComponent((await params).number));
  if (!ws) notFound();
  const [canned, unreadHere, requester] = await Promise.all([
    ws.permissions.includes("ticket.reply") ? cannedForTicket(actor, ws.ticket.departmentId) : [],
    unreadOnTicket(actor, ws.ticket.id),
    requesterPanelFor(actor, ws.ticket.requesterId, ws.ticket.id),
  ]);
  const { ticket, permissions, options } = ws;
  // Bounces can be about any ticket's mail, not only tickets that came in by mail.
  const mailNotices = await mailNoticesFor(actor, ticket.id);
  const inlineImages = await inlineImagesFor(actor, ws.entries);
  const can = new Set(permissions);
  const ref = { ticketId: ticket.id, version: ticket.version };
  const overdue = ws.overdue;
  const kind = ticket.status.kind as StatusKind;
  const now = new Date();
  const assignee = ticket.assigneeId ? `staff:${ticket.assigneeId}` : ticket.teamId ? `team:${ticket.teamId}` : "none";
  // Only the statuses this agent may move the ticket to are offered; the current one is always shown.
  const statuses = options.statuses.map((s) => ({ id: s.id, name: s.name, kind: s.kind, allowed: s.id !== ticket.statusId && canTransition(kind, s.kind as StatusKind) && can.has(s.kind === "CLOSED" ? "ticket.close" : "ticket.status") }));

  return (
    <div className="space-y-5">
      {unreadHere ? <ReadOnOpen ticketId={ticket.id} /> : null}
      <div>
        <Link href="/agent/tickets" className="text-sm text-brand-700 hover:underline">← Back to tickets</Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">
            <span className="mr-2 font-mono text-lg text-slate-500">#{ticket.number}</span>
            {ticket.subject}
          </h1>
          <div className="flex flex-wrap items-center gap-2" data-testid="ticket-badges">
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            {overdue ? <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700">Overdue</span> : null}
            {ticket.escalatedAt && ticket.isOpen ? <span className="rounded-full bg-orange-50 px-2 py-0.5 text-xs font-medium text-orange-800">Escalated</span> : null}
          </div>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          From <span className="font-medium text-slate-800">{ticket.requester.name}</span> &lt;{ticket.requester.email}&gt; · opened <LocalTime value={ticket.createdAt} />
        </p>
      </div>

      {/* The panel comes first: at the top on a phone, beside the thread (second column) on a desktop. */}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr]">
        <aside className="space-y-4 lg:col-start-2 lg:row-start-1" aria-label="Ticket properties">
          <PropertiesPanel
            ticketRef={ref}
            current={{ statusId: ticket.statusId, priorityId: ticket.priorityId, assignee, departmentId: ticket.departmentId }}
            labels={{ status: ticket.status.name, priority: ticket.priority.name, assignee: ticket.assignee?.name ?? (ticket.team ? `${ticket.team.name} (team)` : "Nobody"), department: ticket.department.name }}
            options={{ statuses, priorities: options.priorities.map((p) => ({ id: p.id, name: p.name })), agents: options.agents, teams: options.teams, departments: options.departments }}
            can={{ status: can.has("ticket.status") || can.has("ticket.close"), priority: can.has("ticket.priority"), assign: can.has("ticket.assign"), transfer: can.has("ticket.transfer"), escalate: can.has("ticket.priority") && ticket.isOpen }}
            actorId={actor.id}
            requesterName={ticket.requester.name}
          >
            <dl className="divide-y divide-slate-100 border-t border-slate-100 pt-1">
              <Detail label="First response"><Clock due={ticket.firstResponseDueAt} metAt={ticket.firstRespondedAt} now={now} /></Detail>
              <Detail label={kind === "RESOLVED" ? "Resolved" : "Resolution due"}>{kind === "RESOLVED" && ticket.resolvedAt ? <LocalTime value={ticket.resolvedAt} /> : <Clock due={ticket.isOpen ? ticket.dueAt : null} metAt={null} now={now} />}</Detail>
              <Detail label="SLA plan">{ticket.slaPlan?.name ?? "—"}</Detail>
              <Detail label="Help topic">{ticket.helpTopic?.name ?? "—"}</Detail>
              <Detail label="Updated"><LocalTime value={ticket.updatedAt} /></Detail>
              <Detail label="Source">{ticket.source.toLowerCase()}</Detail>
            </dl>
          </PropertiesPanel>
        </aside>
        <div className="min-w-0 space-y-5 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <MailNotices notices={mailNotices} />
          <Thread entries={ws.entries} inlineImages={inlineImages} />
          <Composer
            ticketRef={ref}
            requesterName={ticket.requester.name}
            requesterEmail={ticket.requester.email}
            isOpen={ticket.isOpen}
            statusKind={kind}
            stateWord={stateWord(kind)}
            canReply={can.has("ticket.reply")}
            canNote={can.has("ticket.note")}
            canResolve={can.has("ticket.status")}
            canned={canned.map((c) => ({ id: c.id, title: c.title, body: c.body }))}
            cannedContext={{ requester: { name: ticket.requester.name }, ticket: { number: ticket.number, subject: ticket.subject }, agent: { name: actor.name } }}
          />
          <History events={ws.history} />
        </div>
        {/* After the thread on a phone; under the properties on a desktop. */}
        {requester ? (
          <aside aria-label="About the requester" className="lg:col-start-2 lg:row-start-2 lg:self-start">
            <RequesterCard panel={requester} details={<RequesterDetails plain ticketRef={ref} requester={ticket.requester} canEdit={can.has("ticket.reply")} />} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
