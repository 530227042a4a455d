import "server-only";
// In-app notifications (the bell), as a subscriber to ticket events: each event becomes at most one
// notification per person, written in the same transaction that moves the subscriber's position,
// so a retry or a restart never notifies twice. Nobody is told about their own action.
import type { DurableSubscriber } from "@/lib/events/dispatcher";
import type { Tx } from "@/lib/server/prisma";
import { readEvent, type TicketEvent } from "./events";

export type NotificationType = "transferred" | "assigned" | "mentioned" | "requester_replied" | "resolved" | "escalated";

export type NotificationInput =
  | { type: NotificationType; staffIds: number[]; message: string }
  | { type: NotificationType; departmentId: number; message: string };

export async function createNotifications(tx: Tx, ticket: { id: number }, actorId: number | null, inputs: NotificationInput[]): Promise<void> {
  for (const input of inputs) {
    let staffIds: number[];
    if ("departmentId" in input) {
      const members = await tx.staffDepartment.findMany({ where: { departmentId: input.departmentId, staff: { active: true } }, select: { staffId: true } });
      staffIds = members.map((m) => m.staffId);
    } else staffIds = input.staffIds;
    const recipients = [...new Set(staffIds)].filter((id) => id !== actorId);
    if (recipients.length) {
      await tx.notification.createMany({ data: recipients.map((staffId) => ({ staffId, ticketId: ticket.id, type: input.type, message: input.message })) });
    }
  }
}

/** What the bell says about an event, and to whom. */
export function notificationsFor(event: TicketEvent, ticket: { number: string; subject: string; requesterName: string }): NotificationInput[] {
  const about = `#${ticket.number} “${ticket.subject}”`;
  const who = event.actorLabel;
  switch (event.type) {
    case "requester.replied":
      return event.assigneeId ? [{ type: "requester_replied", staffIds: [event.assigneeId], message: `${ticket.requesterName} replied on ${about}` }] : [];
    case "requester.reopened":
      return event.assigneeId ? [{ type: "requester_replied", staffIds: [event.assigneeId], message: `${ticket.requesterName} reopened ${about}` }] : [];
    case "note.added":
      return event.mentionedStaffIds.length ? [{ type: "mentioned", staffIds: event.mentionedStaffIds, message: `${who} mentioned you in a note on ${about}` }] : [];
    case "assigned":
      if (!event.staffIds.length) return [];
      return [{ type: "assigned", staffIds: event.staffIds, message: event.teamId ? `${about} was assigned to your team ${event.toName}` : `${who} assigned ${about} to you` }];
    case "transferred":
      return [{ type: "transferred", departmentId: event.toDepartmentId, message: `${who} transferred ${about} to ${event.toName}: ${event.reason}` }];
    case "status.changed":
      return event.to === "RESOLVED" ? [{ type: "resolved", staffIds: event.watcherIds, message: `${who} resolved ${about}` }] : [];
    case "escalated": {
      const message = `${who} escalated ${about}: ${event.reason}`;
      return [event.staffIds.length ? { type: "escalated", staffIds: event.staffIds, message } : { type: "escalated", departmentId: event.departmentId, message }];
    }
    default:
      return [];
  }
}

const NOTIFIED: ReadonlySet<string> = new Set<TicketEvent["type"]>(["requester.replied", "requester.reopened", "note.added", "assigned", "transferred", "status.changed", "escalated"]);

export const notificationSubscriber: DurableSubscriber = {
  name: "notifications",
  accepts: (type) => NOTIFIED.has(type),
  async handle(tx, row) {
    const event = readEvent(row);
    const ticket = await tx.ticket.findUnique({ where: { id: event.ticketId }, select: { id: true, number: true, subject: true, requester: { select: { name: true } } } });
    if (!ticket) return;
    const inputs = notificationsFor(event, { number: ticket.number, subject: ticket.subject, requesterName: ticket.requester.name });
    await createNotifications(tx, ticket, event.actorKind === "staff" ? event.actorId : null, inputs);
  },
};
