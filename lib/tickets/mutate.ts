import "server-only";
// The one path every agent workflow step takes: find the ticket within the actor's reach, check the
// permission, check the form's version, apply the change, bump the version, record history, follow
// the ticket, notify — all in one transaction.
import type { StaffActor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { permissionsOn, ticketScope } from "@/lib/auth/policy";
import { AppError, forbidden, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { describeEvent, type HistoryInput, type HistoryType } from "./history";
import { createNotifications, type NotificationInput } from "./notify";
import { TICKET_CONTEXT } from "./ticket-context";
import { follow, syncFollowers } from "./watchers";


export async function loadTicketInScope(db: Db | Tx, actor: StaffActor, ticketId: number) {
  const ticket = await db.ticket.findFirst({ where: { id: ticketId, ...ticketScope(actor) }, include: TICKET_CONTEXT });
  if (!ticket) throw notFound();
  return ticket;
}

export type LoadedTicket = Awaited<ReturnType<typeof loadTicketInScope>>;

export type Mutation = {
  data?: Record<string, unknown>;
  events: HistoryInput[];
  notify?: NotificationInput[];
  /** Staff who start following the ticket besides the actor (e.g. @mentioned). */
  watchers?: number[];
};

async function staleError(tx: Tx, ticketId: number, sinceVersion: number): Promise<AppError> {
  const events = await tx.historyEvent.findMany({
    where: { ticketId, ticketVersion: { gt: sinceVersion } },
    orderBy: { id: "asc" },
    take: 10,
    include: { actorStaff: { select: { name: true } } },
  });
  return new AppError(
    "CONFLICT",
    "Someone else changed this ticket after you opened it, so your change was not saved. Your text is still in the form: review the changes and submit again.",
    {},
    events.map((e) => describeEvent({ ...(e as { type: HistoryType }), fromValue: e.fromValue, toValue: e.toValue, actorName: e.actorStaff?.name ?? null, actorLabel: e.actorLabel })),
  );
}

export async function mutateTicket(
  db: Db,
  actor: StaffActor,
  ref: { ticketId: number; version: number },
  permission: Permission,
  plan: (ticket: LoadedTicket, tx: Tx) => Promise<Mutation>,
): Promise<{ id: number; number: string; version: number }> {
  return db.$transaction(async (tx) => {
    const ticket = await loadTicketInScope(tx, actor, ref.ticketId);
    if (!permissionsOn(actor, ticket).has(permission)) throw forbidden();
    if (ticket.version !== ref.version) throw await staleError(tx, ticket.id, ref.version);

    const mutation = await plan(ticket, tx);
    const now = new Date();
    const version = ref.version + 1;
    // The version in the WHERE makes two agents' simultaneous writes safe: only one matches.
    const updated = await tx.ticket.updateMany({ where: { id: ticket.id, version: ref.version }, data: { ...mutation.data, version, updatedAt: now } });
    if (updated.count !== 1) throw await staleError(tx, ticket.id, ref.version);

    await tx.historyEvent.createMany({
      data: mutation.events.map((e) => ({ ticketId: ticket.id, actorStaffId: actor.id, type: e.type, fromValue: e.fromValue ?? null, toValue: e.toValue ?? null, detail: e.detail ?? null, ticketVersion: version, createdAt: now })),
    });
    const isOpen = typeof mutation.data?.isOpen === "boolean" ? mutation.data.isOpen : ticket.isOpen;
    if (isOpen !== ticket.isOpen) await syncFollowers(tx, ticket.id, isOpen);
    await follow(tx, ticket.id, [actor.id, ...(mutation.watchers ?? [])], isOpen, ticket.departmentId);
    await createNotifications(tx, ticket, actor.id, mutation.notify ?? []);
    return { id: ticket.id, number: ticket.number, version };
  });
}

