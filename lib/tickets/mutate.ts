import "server-only";
// The one path every change to an existing ticket takes, whoever makes it (staff, the requester by
// link, a mail from the requester, an API key, a scheduled job): find the ticket within the actor's
// reach, ask the policy module, check the form's version, check the status transition, apply the
// change, bump the version and updatedAt, record history, keep followers in step, record
// the domain events — all in one transaction; subscribers (mail, notifications…) run after commit. Opening a ticket is its sibling, mutate-open.ts. Nothing else in
// the code base writes a ticket row (eslint.config.mjs and test/one-write-path.test.ts hold that).
import type { StaffActor } from "@/lib/auth/actor";
import { actorMayActOnTicket, ticketScope, type TicketStep } from "@/lib/auth/policy";
import { actorLabel, type TicketActor } from "@/lib/auth/ticket-actor";
import { AppError, forbidden, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { describeEvent, type HistoryInput, type HistoryType } from "./history";
import { afterCommit } from "@/lib/events/bus";
import { recordEvents, type TicketEventInput } from "./events";
import { TICKET_CONTEXT } from "./ticket-context";
import { follow, syncFollowers } from "./watchers";
import { canTransition, isOpenKind, requesterMayClose, requesterMayReopen, transitionVerb, type StatusKind } from "./workflow";

export async function loadTicketInScope(db: Db | Tx, actor: StaffActor, ticketId: number) {
  const ticket = await db.ticket.findFirst({ where: { id: ticketId, ...ticketScope(actor) }, include: TICKET_CONTEXT });
  if (!ticket) throw notFound();
  return ticket;
}

/** Staff see only what ticketScope lets them; the other kinds are checked against the ticket by the policy. */
async function loadTicketFor(tx: Tx, actor: TicketActor, ticketId: number) {
  if (actor.kind === "staff") return loadTicketInScope(tx, actor, ticketId);
  const ticket = await tx.ticket.findUnique({ where: { id: ticketId }, include: TICKET_CONTEXT });
  if (!ticket) throw notFound();
  return ticket;
}

export type LoadedTicket = Awaited<ReturnType<typeof loadTicketInScope>>;

export type TargetStatus = { id: number; name: string; kind: StatusKind };

export type Mutation = {
  data?: Record<string, unknown>;
  /** A status change: checked against the workflow (and, for requesters, the settings) here. */
  status?: TargetStatus;
  /** What the ticket's history shows. */
  events: HistoryInput[];
  /** What subscribers hear (events.ts): written in this transaction, handled after it commits. */
  emit?: TicketEventInput[];
  /** Staff who start following the ticket besides the actor (e.g. @mentioned). */
  watchers?: number[];
};

export type MutationResult = { id: number; number: string; version: number; changedMeanwhile: string[] };

type Change = { type: string; text: string; byStaffId: number | null };

/** What was changed on the ticket after `sinceVersion`, oldest first, as sentences. */
async function changesSince(tx: Tx, ticketId: number, sinceVersion: number, take: number): Promise<Change[]> {
  const events = await tx.historyEvent.findMany({
    where: { ticketId, ticketVersion: { gt: sinceVersion } },
    orderBy: { id: "asc" },
    take,
    include: { actorStaff: { select: { name: true } } },
  });
  return events.map((e) => ({ type: e.type, byStaffId: e.actorStaffId, text: describeEvent({ ...(e as { type: HistoryType }), fromValue: e.fromValue, toValue: e.toValue, actorName: e.actorStaff?.name ?? null, actorLabel: e.actorLabel }) }));
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
   * Whether the step may still be made on top of these changes (by history type) made by others
   * since the form's version. Without it any change refuses the step. A step that tolerates them is
   * applied to the current version and told what others changed (`changedMeanwhile`). The actor's
   * own changes are never held against such a step: an agent who assigns and then replies from the
   * same page, before the page has caught up, wrote the reply knowing what they had just done.
   */
  tolerates?: (changeTypes: readonly string[]) => boolean;
};

// Past this many changes since the form opened, nobody should be sending without looking.
const TOLERABLE_CHANGES = 20;

/** The fields a move to `to` writes, after checking that the workflow (and the requester's settings) allow it. */
async function statusData(tx: Tx, actor: TicketActor, ticket: LoadedTicket, to: TargetStatus, now: Date): Promise<Record<string, unknown>> {
  const from = ticket.status.kind as StatusKind;
  if (!canTransition(from, to.kind) && from !== to.kind) throw new AppError("INVALID", `A ${ticket.status.name.toLowerCase()} ticket cannot be ${transitionVerb(from, to.kind)}.`, { statusId: `A ${ticket.status.name.toLowerCase()} ticket cannot be ${transitionVerb(from, to.kind)}.` });
  if (actor.kind === "requester" || actor.kind === "mail") {
    const settings = await loadSettings(tx);
    const open = isOpenKind(to.kind);
    if (open ? !requesterMayReopen(from, ticket.closedAt, settings, now) : !requesterMayClose(from, settings)) {
      throw new AppError("FORBIDDEN", open ? "This ticket can no longer be reopened. Open a new ticket instead." : "This ticket cannot be closed from here.");
    }
  }
  const open = isOpenKind(to.kind);
  return {
    statusId: to.id,
    isOpen: open,
    resolvedAt: to.kind === "RESOLVED" ? now : open ? null : ticket.resolvedAt,
    // Reopening forgets the resolution the requester was told; closing keeps it.
    ...(open ? { resolution: null } : {}),
    closedAt: open ? null : (ticket.closedAt ?? now),
  };
}

/** Forms carry the version they were opened at; mail, the API and jobs have no form and act on the current one. */
export type TicketRef = { ticketId: number; version?: number };

const UNFORMED_ATTEMPTS = 3;

export async function mutateTicket(db: Db, actor: TicketActor, ref: TicketRef, step: TicketStep, plan: (ticket: LoadedTicket, tx: Tx) => Promise<Mutation>, options: MutateOptions = {}): Promise<MutationResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.$transaction((tx) => applyMutation(tx, actor, ref, step, plan, options));
      await afterCommit(db);
      return result;
    } catch (error) {
      // Without a form there is nothing to review: another change landed in between, so act again on the new version.
      const retry = ref.version === undefined && error instanceof AppError && error.code === "CONFLICT" && attempt < UNFORMED_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

async function applyMutation(tx: Tx, actor: TicketActor, ref: TicketRef, step: TicketStep, plan: (ticket: LoadedTicket, tx: Tx) => Promise<Mutation>, options: MutateOptions): Promise<MutationResult> {
  const ticket = await loadTicketFor(tx, actor, ref.ticketId);
  const facts = { departmentId: ticket.departmentId, assigneeId: ticket.assigneeId, teamId: ticket.teamId, requesterId: ticket.requesterId, watchers: ticket.watchers };
  if (!actorMayActOnTicket(actor, step, facts)) throw actor.kind === "staff" ? forbidden() : notFound();
  const expected = ref.version ?? ticket.version;
  let changedMeanwhile: string[] = [];
  if (ticket.version !== expected) {
    const changes = ticket.version > expected && options.tolerates ? await changesSince(tx, ticket.id, expected, TOLERABLE_CHANGES + 1) : [];
    const byOthers = changes.filter((c) => actor.kind !== "staff" || c.byStaffId !== actor.id);
    const tolerated = changes.length > 0 && changes.length <= TOLERABLE_CHANGES && options.tolerates?.(byOthers.map((c) => c.type));
    if (!tolerated) throw await staleError(tx, ticket.id, expected);
    changedMeanwhile = byOthers.map((c) => c.text);
  }

  const mutation = await plan(ticket, tx);
  const now = new Date();
  const version = ticket.version + 1;
  const data: Record<string, unknown> = { ...mutation.data };
  if (mutation.status) Object.assign(data, await statusData(tx, actor, ticket, mutation.status, now));
  // The version in the WHERE makes two simultaneous writes safe: only one matches.
  const updated = await tx.ticket.updateMany({ where: { id: ticket.id, version: ticket.version }, data: { ...data, version, updatedAt: now } });
  if (updated.count !== 1) throw await staleError(tx, ticket.id, expected);

  const staffId = actor.kind === "staff" ? actor.id : null;
  const label = actor.kind === "staff" ? null : actorLabel(actor);
  await tx.historyEvent.createMany({
    data: mutation.events.map((e) => ({ ticketId: ticket.id, actorStaffId: staffId, actorLabel: label, type: e.type, fromValue: e.fromValue ?? null, toValue: e.toValue ?? null, detail: e.detail ?? null, ticketVersion: version, createdAt: now })),
  });
  const isOpen = typeof data.isOpen === "boolean" ? data.isOpen : ticket.isOpen;
  if (isOpen !== ticket.isOpen) await syncFollowers(tx, ticket.id, isOpen);
  await follow(tx, ticket.id, [...(staffId ? [staffId] : []), ...(mutation.watchers ?? [])], isOpen, ticket.departmentId);
  await recordEvents(tx, ticket.id, actor, mutation.emit ?? [], now);
  return { id: ticket.id, number: ticket.number, version, changedMeanwhile };
}
