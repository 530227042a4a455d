import "server-only";
// The bell: unread counts and the list of a staff member's notifications. Scoped to the actor.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { ZMarkRead, ZMarkTicketRead, type MarkReadInput, type MarkTicketReadInput } from "./schemas";

export async function unreadCount(db: Db, actor: StaffActor): Promise<number> {
  return db.notification.count({ where: { staffId: actor.id, readAt: null }, take: 100 });
}

export async function recentNotifications(db: Db, actor: StaffActor, take = 50) {
  return db.notification.findMany({
    where: { staffId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { ticket: { select: { number: true } } },
  });
}

export async function markNotificationsRead(db: Db, actor: StaffActor, raw: MarkReadInput): Promise<number> {
  const input = ZMarkRead.parse(raw);
  const result = await db.notification.updateMany({ where: { staffId: actor.id, readAt: null, ...(input.id ? { id: input.id } : {}) }, data: { readAt: new Date() } });
  return result.count;
}

/** What the bell shows in place: the unread count and the latest few, read or not. */
export async function bellNotifications(db: Db, actor: StaffActor, take = 8) {
  const [unread, items] = await Promise.all([unreadCount(db, actor), recentNotifications(db, actor, take)]);
  return { unread, items: items.map((n) => ({ id: n.id, message: n.message, createdAt: n.createdAt, read: n.readAt !== null, ticketNumber: n.ticket?.number ?? null })) };
}

export type BellData = Awaited<ReturnType<typeof bellNotifications>>;

/** Whether the actor has unread notifications about this ticket (opening it reads them). */
export async function hasUnreadOnTicket(db: Db, actor: StaffActor, ticketId: number): Promise<boolean> {
  return (await db.notification.count({ where: { staffId: actor.id, ticketId, readAt: null }, take: 1 })) > 0;
}

/** Opening a ticket reads what the bell said about it; only the actor's own notifications. */
export async function markTicketNotificationsRead(db: Db, actor: StaffActor, raw: MarkTicketReadInput): Promise<number> {
  const input = ZMarkTicketRead.parse(raw);
  const result = await db.notification.updateMany({ where: { staffId: actor.id, ticketId: input.ticketId, readAt: null }, data: { readAt: new Date() } });
  return result.count;
}
