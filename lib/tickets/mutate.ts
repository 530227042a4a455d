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

type Change = { type: string; text: string };

/** What others changed on the ticket after `sinceVersion`, oldest first, as sentences. */
async function changesSince(tx: Tx, ticketId: number, sinceVersion: number, take: number): Promise<Change[]> {
  const events = await tx.historyEvent.findMany({
    where: { ticketId, ticketVersion: { gt: sinceVersion } },
    orderBy: { id: "asc" },
    take,
    include: { actorStaff: { select: { name: true } } },
  });
  return events.map((e) => ({ type: e.type, text: describeEvent({ ...(e as { type: HistoryType }), fromValue: e.fromValue, toValue: e.toValue, actorName: e.actorStaff?.name ?? null, actorLabel: e.actorLabel }) }));
}

async function staleError(tx: Tx, ticketId: number, sinceVersion: number): Promise<AppError> {
  const changes = await changesSince(tx, ticketId, sinceVersion, 10);
  return new AppError(
    "CONFLICT",
    "Someone else changed this ticket after you opened it, so your change was not saved. Your text is still in the form: review the changes and submit again.",
    {},
    changes.map((c) => c.text),
  );
}

export type MutateOptions = {
  /**
   * Whether the step may still be made on top of these changes (by history type) made since the
   * form's version. Without it any change refuses the step. A step that tolerates them is applied
   * to the current version and told what changed (`changedMeanwhile`).
   */
  tolerates?: (changeTypes: readonly string[]) => boolean;
};

// Past this many changes since the form opened, nobody should be sending without looking.
const TOLERABLE_CHANGES = 20;

export async function mutateTicket(
  db: Db,
  actor: StaffActor,
  ref: { ticketId: number; version: number },
  permission: Permission,
  plan: (ticket: LoadedTicket, tx: Tx) => Promise<Mutation>,
  options: MutateOptions = {},
): Promise<{ id: number; number: string; version: number; changedMeanwhile: string[] }> {
  return db.$transaction(async (tx) => {
    const ticket = await loadTicketInScope(tx, actor, ref.ticketId);
    const facts = { departmentId: ticket.departmentId, assigneeId: ticket.assigneeId, teamId: ticket.teamId, watcherIds: ticket.watchers.map((w) => w.staffId) };
    if (!permissionsOn(actor, facts).has(permission)) throw forbidden();
    let changedMeanwhile: string[] = [];
    if (ticket.version !== ref.version) {
      const changes = ticket.version > ref.version && options.tolerates ? await changesSince(tx, ticket.id, ref.version, TOLERABLE_CHANGES + 1) : [];
      const tolerated = changes.length > 0 && changes.length <= TOLERABLE_CHANGES && options.tolerates?.(changes.map((c) => c.type));
      if (!tolerated) throw await staleError(tx, ticket.id, ref.version);
      changedMeanwhile = changes.map((c) => c.text);
    }

    const mutation = await plan(ticket, tx);
    const now = new Date();
    const version = ticket.version + 1;
    // The version in the WHERE makes two agents' simultaneous writes safe: only one matches.
    const updated = await tx.ticket.updateMany({ where: { id: ticket.id, version: ticket.version }, data: { ...mutation.data, version, updatedAt: now } });
    if (updated.count !== 1) throw await staleError(tx, ticket.id, ref.version);

    await tx.historyEvent.createMany({
      data: mutation.events.map((e) => ({ ticketId: ticket.id, actorStaffId: actor.id, type: e.type, fromValue: e.fromValue ?? null, toValue: e.toValue ?? null, detail: e.detail ?? null, ticketVersion: version, createdAt: now })),
    });
    const isOpen = typeof mutation.data?.isOpen === "boolean" ? mutation.data.isOpen : ticket.isOpen;
    if (isOpen !== ticket.isOpen) await syncFollowers(tx, ticket.id, isOpen);
    await follow(tx, ticket.id, [actor.id, ...(mutation.watchers ?? [])], isOpen);
    await createNotifications(tx, ticket, actor.id, mutation.notify ?? []);
    return { id: ticket.id, number: ticket.number, version, changedMeanwhile };
  });
}
