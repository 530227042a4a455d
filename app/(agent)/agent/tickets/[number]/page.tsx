import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PriorityBadge, StatusBadge } from "@/components/tickets/ticket-badges";
import { LocalTime } from "@/components/ui/local-time";
import { cannedResponsesFor } from "@/lib/admin/canned";
import { mailNoticesForTicket } from "@/lib/mail/inbound/ticket-notices";
import { inlineImagesForEntries } from "@/lib/mail/inline-images-query";
import { db } from "@/lib/server/db";
import { requireStaffPage } from "@/lib/server/guards";
import { ticketWorkspace } from "@/lib/tickets/workspace-query";
import { Composer } from "./composer";
import { History } from "./history";
import { MailNotices } from "./mail-notices";
import { AssignForm, EscalateForm, PriorityForm, StatusForm, StepOutcomes, TransferForm } from "./side-forms";
import { Thread } from "./thread";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Ticket #${decodeURIComponent((await params).number)}` };
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

export default async function TicketPage({ params }: { params: Promise<{ number: string }> }) {
  const actor = await requireStaffPage();
  const ws = await ticketWorkspace(db, actor, decodeURIComponent((await params).number));
  if (!ws) notFound();
  const canned = ws.permissions.includes("ticket.reply") ? await cannedResponsesFor(db, actor, ws.ticket.departmentId) : [];
  const { ticket, permissions, options } = ws;
  // Bounces can be about any ticket's mail, not only tickets that came in by mail.
  const mailNotices = await mailNoticesForTicket(db, ticket.id);
  const inlineImages = await inlineImagesForEntries(db, ws.entries);
  const can = new Set(permissions);
  const ref = { ticketId: ticket.id, version: ticket.version };
  const overdue = ws.overdue;

  return (
    <div className="space-y-5">
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

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-5">
          <MailNotices notices={mailNotices} />
          <Thread entries={ws.entries} inlineImages={inlineImages} />
          <Composer
            ticketRef={ref}
            requesterName={ticket.requester.name}
            requesterEmail={ticket.requester.email}
            isOpen={ticket.isOpen}
            canReply={can.has("ticket.reply")}
            canNote={can.has("ticket.note")}
            canResolve={can.has("ticket.status")}
            canClose={can.has("ticket.close")}
            canned={canned.map((c) => ({ id: c.id, title: c.title, body: c.body }))}
            cannedContext={{ requester: { name: ticket.requester.name }, ticket: { number: ticket.number, subject: ticket.subject }, agent: { name: actor.name } }}
          />
          <History events={ws.history} />
        </div>
        <aside className="space-y-4" aria-label="Ticket details and actions">
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-sm font-semibold">Details</h2>
            <dl className="mt-2 divide-y divide-slate-100">
              <Detail label="Status"><StatusBadge status={ticket.status} /></Detail>
              <Detail label="Priority"><PriorityBadge priority={ticket.priority} /></Detail>
              <Detail label="Department">{ticket.department.name}</Detail>
              <Detail label="Assignee">{ticket.assignee?.name ?? (ticket.team ? `${ticket.team.name} (team)` : "Unassigned")}</Detail>
              <Detail label="Help topic">{ticket.helpTopic?.name ?? "—"}</Detail>
              <Detail label="SLA plan">{ticket.slaPlan?.name ?? "—"}</Detail>
              <Detail label="Due">{ticket.dueAt ? <LocalTime value={ticket.dueAt} /> : "—"}</Detail>
              <Detail label="Created"><LocalTime value={ticket.createdAt} /></Detail>
              <Detail label="Updated"><LocalTime value={ticket.updatedAt} /></Detail>
              <Detail label="Source">{ticket.source.toLowerCase()}</Detail>
            </dl>
          </section>
          <StepOutcomes>
            {can.has("ticket.status") || can.has("ticket.close") ? <StatusForm ticketRef={ref} current={ticket.statusId} statuses={options.statuses.filter((s) => (s.kind === "CLOSED" ? can.has("ticket.close") : can.has("ticket.status")))} /> : null}
            {can.has("ticket.priority") ? <PriorityForm ticketRef={ref} current={ticket.priorityId} priorities={options.priorities} /> : null}
            {can.has("ticket.assign") ? <AssignForm ticketRef={ref} current={ticket.assigneeId ? `staff:${ticket.assigneeId}` : ticket.teamId ? `team:${ticket.teamId}` : "none"} agents={options.agents} teams={options.teams} actorId={actor.id} /> : null}
            {can.has("ticket.transfer") ? <TransferForm ticketRef={ref} departments={options.departments.filter((d) => d.id !== ticket.departmentId)} /> : null}
            {can.has("ticket.priority") && ticket.isOpen ? <EscalateForm ticketRef={ref} /> : null}
          </StepOutcomes>
        </aside>
      </div>
    </div>
  );
}
