import "server-only";
// Mail alerts and automatic answers, as a subscriber to ticket events: lib/tickets records what
// happened and knows nothing of mail; this turns events into outbox rows, in the transaction that
// moves the subscriber's position, so each event is mailed once, even across a restart.
import type { DurableSubscriber } from "@/lib/events/dispatcher";
import { readEvent, type TicketEventType } from "@/lib/tickets/events";
import { enqueueTicketMail } from "./enqueue";

const MAILED: ReadonlySet<string> = new Set<TicketEventType>(["ticket.opened", "agent.replied", "status.changed", "transferred", "assigned", "note.added"]);

export const ticketMailSubscriber: DurableSubscriber = {
  name: "ticket-mail",
  accepts: (type) => MAILED.has(type),
  async handle(tx, row) {
    const event = readEvent(row);
    const ticketId = event.ticketId;
    // The acting agent is left out of their own alerts; 0 is nobody (the requester, the API, a job).
    const actorId = event.actorKind === "staff" && event.actorId ? event.actorId : 0;
    switch (event.type) {
      case "ticket.opened":
        return enqueueTicketMail(tx, { type: "opened", ticketId, autoRespond: event.autoRespond, alertStaff: event.alertStaff });
      case "agent.replied":
        return enqueueTicketMail(tx, { type: "replied", ticketId, entryId: event.entryId });
      case "status.changed":
        // A reply that resolves is itself the message the requester gets.
        if (event.to === "RESOLVED" && !event.withReply) return enqueueTicketMail(tx, { type: "resolved", ticketId });
        return;
      case "transferred":
        return enqueueTicketMail(tx, { type: "transferred", ticketId, departmentId: event.toDepartmentId, actorId, reason: event.reason });
      case "assigned":
        if (event.staffIds.length) return enqueueTicketMail(tx, { type: "assigned", ticketId, staffIds: event.staffIds, actorId });
        return;
      case "note.added":
        if (event.mentionedStaffIds.length) return enqueueTicketMail(tx, { type: "mentioned", ticketId, staffIds: event.mentionedStaffIds, actorId, excerpt: event.excerpt });
        return;
      default:
        return;
    }
  },
};
