// Domain events: what happened to a ticket, typed. The one mutation (mutate.ts, mutate-open.ts)
// writes them in the change's own transaction, so a rolled-back change leaves none and a committed
// one always has them; subscribers (lib/events/dispatcher.ts) read them in order after commit.
// Payloads carry what a subscriber needs to act as of the moment of the change (who was assigned,
// who followed the ticket), not what the ticket looks like by the time the subscriber runs.
import { actorRef, type TicketActor, type TicketActorKind } from "@/lib/auth/ticket-actor";
import type { Tx } from "@/lib/server/prisma";
import type { StatusKind } from "./workflow";

export type TicketEventInput =
  | { type: "ticket.opened"; departmentId: number; autoRespond: boolean; alertStaff: boolean }
  | { type: "requester.replied"; entryId: number; assigneeId: number | null }
  | { type: "agent.replied"; entryId: number }
  | { type: "note.added"; entryId: number; mentionedStaffIds: number[]; excerpt: string }
  | { type: "status.changed"; from: StatusKind; to: StatusKind; toName: string; watcherIds: number[]; withReply?: boolean }
  | { type: "priority.changed"; fromName: string; toName: string }
  | { type: "assigned"; assigneeId: number | null; teamId: number | null; toName: string | null; staffIds: number[] }
  | { type: "transferred"; fromDepartmentId: number; toDepartmentId: number; toName: string; reason: string }
  | { type: "escalated"; reason: string; staffIds: number[]; departmentId: number }
  | { type: "requester.closed" }
  | { type: "requester.reopened"; assigneeId: number | null }
  | { type: "mail.reopened"; assigneeId: number | null };

export type TicketEventType = TicketEventInput["type"];

/** An event as subscribers receive it. */
export type TicketEvent = TicketEventInput & { id: number; ticketId: number; actorKind: TicketActorKind; actorId: number | null; actorLabel: string; createdAt: Date };

export type StoredTicketEvent = { id: number; ticketId: number; type: string; actorKind: string; actorId: number | null; payload: string; createdAt: Date };

export async function recordEvents(tx: Tx, ticketId: number, actor: TicketActor, events: TicketEventInput[], now = new Date()): Promise<void> {
  if (!events.length) return;
  // Subscribers read "every event after the last one I handled", so ids must be handed out in commit
  // order. SQLite writes one transaction at a time. PostgreSQL draws serial ids at insert, not at
  // commit, so two writers could commit out of order and a reader would skip the earlier id for good:
  // there the insert itself first takes a lock held until commit (a trigger, migration
  // 20261202090000_ticket_events_commit_order), which queues the event writers. Call this last in
  // the transaction: every other event writer waits from here to the commit.
  const { actorKind, actorId, actorLabel } = actorRef(actor);
  await tx.ticketEvent.createMany({
    data: events.map(({ type, ...payload }) => ({ ticketId, type, actorKind, actorId, payload: JSON.stringify({ ...payload, actorLabel }), createdAt: now })),
  });
}

export function readEvent(row: StoredTicketEvent): TicketEvent {
  const { actorLabel, ...payload } = JSON.parse(row.payload) as Record<string, unknown> & { actorLabel: string };
  return { ...(payload as object), type: row.type, id: row.id, ticketId: row.ticketId, actorKind: row.actorKind as TicketActorKind, actorId: row.actorId, actorLabel, createdAt: row.createdAt } as TicketEvent;
}
