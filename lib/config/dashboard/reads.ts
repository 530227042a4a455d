import "server-only";
// The admin console's home page: how the help desk is set up, mail that needs an administrator,
// and how the event subscribers are doing. Administrators only.
import type { StaffActor } from "@/lib/auth/actor";
import { subscriberStatuses } from "@/lib/events/status";
import { assertAdmin } from "@/lib/server/admin-write";
import type { Db } from "@/lib/server/prisma";

export async function dashboardCounts(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const [departments, agents, topics, priorities, slaPlans, failedMail, quarantinedMail] = await Promise.all([
    db.department.count({ where: { archivedAt: null } }),
    db.staff.count({ where: { active: true } }),
    db.helpTopic.count({ where: { active: true } }),
    db.priority.count(),
    db.slaPlan.count({ where: { active: true } }),
    // Both on their [state, …] indexes: cheap however much mail has passed through.
    db.outboxMessage.count({ where: { state: "FAILED" } }),
    db.inboundMessage.count({ where: { state: "QUARANTINED" } }),
  ]);
  return { departments, agents, topics, priorities, slaPlans, failedMail, quarantinedMail };
}

export async function eventSubscribers(db: Db, actor: StaffActor, now = new Date()) {
  assertAdmin(actor);
  return subscriberStatuses(db, now);
}
