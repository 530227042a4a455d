import "server-only";
// The bell: unread counts and the list of a staff member's notifications. Scoped to the actor.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { ZMarkRead, type MarkReadInput } from "./schemas";

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
