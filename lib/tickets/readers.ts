// Who may hear about a ticket: only staff who may open it now (lib/auth/policy.ts). Notifications,
// @mentions and alert mails go through here, so no one is told the subject of a ticket they
// could not open (a former member of its department, a team member from elsewhere).
import { canSeeTicket } from "@/lib/auth/policy";
import type { Db, Tx } from "@/lib/server/prisma";

export async function staffWhoMaySee(tx: Db | Tx, ticketId: number, staffIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(staffIds)];
  if (!ids.length) return [];
  const [ticket, staff] = await Promise.all([
    tx.ticket.findUnique({ where: { id: ticketId }, select: { departmentId: true, assigneeId: true, teamId: true, watchers: { where: { staffId: { in: ids } }, select: { staffId: true, departmentId: true } } } }),
    tx.staff.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, kind: true, departments: { select: { departmentId: true } } } }),
  ]);
  if (!ticket) return [];
  return staff
    .filter((s) => canSeeTicket({ id: s.id, isAdmin: s.kind === "ADMIN", departments: new Map(s.departments.map((d) => [d.departmentId, true])) }, ticket))
    .map((s) => s.id);
}
