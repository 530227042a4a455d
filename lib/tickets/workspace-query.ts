// Everything the ticket workspace shows, scoped to the actor, in a fixed number of queries.
import type { StaffActor } from "@/lib/auth/actor";
import { permissionsOn, ticketScope } from "@/lib/auth/policy";
import type { Db } from "@/lib/server/prisma";
import { describeEvent, type HistoryType } from "./history";
import { TICKET_CONTEXT } from "./ticket-context";
import { isOverdue } from "./workflow";

export async function ticketWorkspace(db: Db, actor: StaffActor, number: string) {
  const ticket = await db.ticket.findFirst({ where: { number, ...ticketScope(actor) }, include: { ...TICKET_CONTEXT, helpTopic: { select: { name: true } }, slaPlan: { select: { name: true } } } });
  if (!ticket) return null;
  const [entries, history, priorities, statuses, departments, agents, teams] = await Promise.all([
    db.threadEntry.findMany({
      where: { ticketId: ticket.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { authorStaff: { select: { name: true } }, authorRequester: { select: { name: true, email: true } }, attachments: { select: { id: true, fileName: true, size: true, contentType: true } } },
    }),
    db.historyEvent.findMany({ where: { ticketId: ticket.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actorStaff: { select: { name: true } } } }),
    db.priority.findMany({ orderBy: { sortOrder: "asc" } }),
    db.ticketStatus.findMany({ orderBy: { sortOrder: "asc" } }),
    db.department.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.staff.findMany({
      where: { active: true, OR: [{ kind: "ADMIN" }, { departments: { some: { departmentId: ticket.departmentId } } }] },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db.team.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const permissions = permissionsOn(actor, ticket);
  return {
    ticket,
    entries,
    history: history.map((h) => ({ id: h.id, createdAt: h.createdAt, detail: h.detail, text: describeEvent({ type: h.type as HistoryType, fromValue: h.fromValue, toValue: h.toValue, actorName: h.actorStaff?.name ?? null, actorLabel: h.actorLabel }) })),
    options: { priorities, statuses, departments, agents, teams },
    permissions: [...permissions],
    overdue: isOverdue(ticket),
  };
}

export type Workspace = NonNullable<Awaited<ReturnType<typeof ticketWorkspace>>>;

/** The ticket whose number is exactly `text` ("#" allowed), if the actor may see it: the header's jump. */
export async function visibleTicketNumber(db: Db, actor: StaffActor, text: string): Promise<string | null> {
  const number = text.trim().replace(/^#/, "");
  if (!number || number.length > 40) return null;
  const ticket = await db.ticket.findFirst({ where: { number, ...ticketScope(actor) }, select: { number: true } });
  return ticket?.number ?? null;
}

/**
 * The requester beside the ticket: who they are and their other tickets, open first, then the
 * most recent; only tickets the actor may see (the same scope as every ticket read).
 */
export async function requesterPanel(db: Db, actor: StaffActor, requesterId: number, ticketId: number) {
  const where = { requesterId, id: { not: ticketId }, ...ticketScope(actor) };
  const select = { id: true, number: true, subject: true, updatedAt: true, status: { select: { name: true, color: true } } } as const;
  const [requester, open, recent] = await Promise.all([
    db.requester.findUnique({ where: { id: requesterId }, select: { name: true, email: true, phone: true, createdAt: true } }),
    db.ticket.findMany({ where: { ...where, isOpen: true }, orderBy: { updatedAt: "desc" }, take: 5, select }),
    db.ticket.findMany({ where: { ...where, isOpen: false }, orderBy: { updatedAt: "desc" }, take: 3, select }),
  ]);
  if (!requester) return null;
  return { ...requester, organisation: requester.email.split("@")[1] ?? null, open, recent };
}
