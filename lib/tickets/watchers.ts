// Who follows a ticket, and the copy of the ticket's open/closed state on each follower's row
// (TicketWatcher.ticketIsOpen) that lets an agent's open queue skip the closed tickets they follow.
import type { Tx } from "@/lib/server/prisma";

/**
 * Adds followers that are not following yet; their rows start with the ticket's open state, which
 * the caller knows, and the department the ticket is in as they start (before the change that made
 * them follow, such as a transfer): they keep following only while members of it (lib/auth/policy.ts).
 */
export async function follow(tx: Tx, ticketId: number, staffIds: number[], ticketIsOpen: boolean, departmentId: number): Promise<void> {
  const unique = [...new Set(staffIds)];
  if (!unique.length) return;
  const existing = await tx.ticketWatcher.findMany({ where: { ticketId, staffId: { in: unique } }, select: { staffId: true } });
  const have = new Set(existing.map((w) => w.staffId));
  const missing = unique.filter((id) => !have.has(id));
  if (missing.length) await tx.ticketWatcher.createMany({ data: missing.map((staffId) => ({ ticketId, staffId, ticketIsOpen, departmentId })) });
}

/** After the ticket's isOpen may have changed, in the same transaction: its followers' rows follow. */
export async function syncFollowers(tx: Tx, ticketId: number, isOpen: boolean): Promise<void> {
  await tx.ticketWatcher.updateMany({ where: { ticketId, ticketIsOpen: !isOpen }, data: { ticketIsOpen: isOpen } });
}
