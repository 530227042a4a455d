import "server-only";
// In-app notifications, written in the transaction of the event that causes them. Nobody is told
// about their own action, nor about a ticket they may not open (lib/tickets/readers.ts).
import type { Tx } from "@/lib/server/prisma";
import { staffWhoMaySee } from "./readers";

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
    const recipients = await staffWhoMaySee(tx, ticket.id, staffIds.filter((id) => id !== actorId));
    if (recipients.length) {
      await tx.notification.createMany({ data: recipients.map((staffId) => ({ staffId, ticketId: ticket.id, type: input.type, message: input.message })) });
    }
  }
}
