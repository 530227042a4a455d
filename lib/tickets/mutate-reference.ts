import "server-only";
// Copies of reference data kept on ticket rows for fast queues (Ticket.priorityOrder mirrors its
// priority's sortOrder). Rewriting a copy is not a change to any ticket: no version, no updatedAt, no
// history, no event; an agent's open form stays valid. It lives beside mutateTicket because only
// lib/tickets/mutate* may write ticket rows (eslint.config.mjs).
import type { Tx } from "@/lib/server/prisma";

/** After a priority's order changed, in the caller's transaction: its tickets sort by the new order. Returns how many. */
export async function copyPriorityOrderToTickets(tx: Tx, priorityId: number, sortOrder: number): Promise<number> {
  return (await tx.ticket.updateMany({ where: { priorityId }, data: { priorityOrder: sortOrder } })).count;
}
