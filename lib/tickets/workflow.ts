// The ticket lifecycle as pure rules: statuses, allowed transitions, numbering, due dates.
import crypto from "node:crypto";

export type StatusKind = "OPEN" | "PENDING" | "RESOLVED" | "CLOSED";

export const OPEN_KINDS: readonly StatusKind[] = ["OPEN", "PENDING"];

export function isOpenKind(kind: StatusKind): boolean {
  return OPEN_KINDS.includes(kind);
}

/**
 * Which status kinds a ticket may move to from each kind. Resolving needs a resolution note;
 * reopening (a closed kind back to OPEN) is allowed from RESOLVED and CLOSED.
 */
export const TRANSITIONS: Record<StatusKind, readonly StatusKind[]> = {
  OPEN: ["PENDING", "RESOLVED", "CLOSED"],
  PENDING: ["OPEN", "RESOLVED", "CLOSED"],
  RESOLVED: ["OPEN", "CLOSED"],
  CLOSED: ["OPEN"],
};

export function canTransition(from: StatusKind, to: StatusKind): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The permission a status change needs: closing is a separate right from resolving or reopening. */
export function permissionForTransition(to: StatusKind): "ticket.close" | "ticket.status" {
  return to === "CLOSED" ? "ticket.close" : "ticket.status";
}

export function requiresResolutionNote(to: StatusKind): boolean {
  return to === "RESOLVED";
}

/**
 * The one resolution rule, whatever the path (the properties panel or a reply that resolves): a
 * resolution is a message to the requester. A reply that resolves is that message; resolving
 * without a reply asks for it. `missing` means the text has to be asked for.
 */
export function resolutionOf(to: StatusKind, text: string | null | undefined): { resolution: string | null; missing: boolean } {
  if (!requiresResolutionNote(to)) return { resolution: null, missing: false };
  const trimmed = (text ?? "").trim();
  return trimmed ? { resolution: trimmed, missing: false } : { resolution: null, missing: true };
}

/** A status name as a ticket says it of itself: "resolved", "closed", "pending". */
export function stateWord(kind: StatusKind): string {
  return kind === "RESOLVED" ? "resolved" : kind === "CLOSED" ? "closed" : kind === "PENDING" ? "pending" : "open";
}

/**
 * Changes made by others that a reply written before them does not contradict: it is sent, and
 * the agent is told. Anything else (a status change, an assignment or transfer, a new entry in the
 * thread, or a kind of change added later) means the reply may no longer fit, so it is refused.
 */
const CHANGES_A_REPLY_MAY_OUTLIVE: ReadonlySet<string> = new Set(["priority", "escalated"]);

export function replyConflictsWith(changeTypes: readonly string[]): boolean {
  return changeTypes.some((type) => !CHANGES_A_REPLY_MAY_OUTLIVE.has(type));
}

export function transitionVerb(from: StatusKind, to: StatusKind): string {
  if (!isOpenKind(from) && to === "OPEN") return "reopened";
  if (to === "RESOLVED") return "resolved";
  if (to === "CLOSED") return "closed";
  if (to === "PENDING") return "set to pending";
  return "set to open";
}

/** May the requester reopen a ticket that closed at `closedAt`, under the settings? */
export function requesterMayReopen(kind: StatusKind, closedAt: Date | null, settings: { requesterCanReopen: boolean; reopenWithinDays: number }, now = new Date()): boolean {
  if (isOpenKind(kind) || !settings.requesterCanReopen) return false;
  if (!closedAt || settings.reopenWithinDays === 0) return true;
  return now.getTime() - closedAt.getTime() <= settings.reopenWithinDays * 86_400_000;
}

export function requesterMayClose(kind: StatusKind, settings: { requesterCanClose: boolean }): boolean {
  return isOpenKind(kind) && settings.requesterCanClose;
}

const RANDOM_DIGITS = 6;

/** A ticket number: `PREFIX` + six random digits, or `PREFIX` + the zero-padded sequence. */
export function formatTicketNumber(mode: "random" | "sequential", prefix: string, sequence: number, random: () => number = () => crypto.randomInt(0, 10 ** RANDOM_DIGITS)): string {
  const digits = mode === "sequential" ? String(sequence).padStart(RANDOM_DIGITS, "0") : String(random()).padStart(RANDOM_DIGITS, "0");
  return `${prefix}${digits}`;
}

/** Due dates from an SLA plan's targets, on the calendar clock (business hours are a later issue). */
export function slaDueDates(createdAt: Date, plan: { firstResponseMinutes: number | null; resolutionMinutes: number } | null) {
  if (!plan) return { dueAt: null, firstResponseDueAt: null };
  const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);
  return { dueAt: at(plan.resolutionMinutes), firstResponseDueAt: plan.firstResponseMinutes ? at(plan.firstResponseMinutes) : null };
}

/** @mentions in a note: `@john` or `@jane.doe`, case-insensitive, each once. */
export function mentionedUsernames(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(^|[^\w@.])@([a-z0-9][a-z0-9._-]{0,30}[a-z0-9]|[a-z0-9])/gi)) found.add(match[2].toLowerCase());
  return [...found];
}

/** Open and past its due date. */
export function isOverdue(ticket: { isOpen: boolean; dueAt: Date | null }, now = new Date()): boolean {
  return ticket.isOpen && ticket.dueAt !== null && ticket.dueAt.getTime() < now.getTime();
}

/** Whose move it is on an open ticket: a pending ticket waits on the requester, an open one on us. */
export function waitingOn(kind: StatusKind): "us" | "requester" | null {
  return kind === "OPEN" ? "us" : kind === "PENDING" ? "requester" : null;
}

const DUE_SOON_MS = 4 * 3_600_000;

/** The SLA badge of an open ticket: overdue, or due within four hours; nothing otherwise. "Reply" is the first response. */
export function slaBadge(ticket: { isOpen: boolean; dueAt: Date | null; firstResponseDueAt?: Date | null; firstRespondedAt?: Date | null }, now = new Date()): { tone: "overdue" | "soon"; label: string } | null {
  if (!ticket.isOpen) return null;
  const responseDue = ticket.firstRespondedAt ? null : (ticket.firstResponseDueAt ?? null);
  if (responseDue && responseDue <= now) return { tone: "overdue", label: "Reply overdue" };
  if (ticket.dueAt && ticket.dueAt <= now) return { tone: "overdue", label: "Overdue" };
  const next = [responseDue, ticket.dueAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  if (!next || next.getTime() - now.getTime() > DUE_SOON_MS) return null;
  const minutes = Math.max(1, Math.round((next.getTime() - now.getTime()) / 60_000));
  const within = minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
  return { tone: "soon", label: next === responseDue ? `Reply due ${within}` : `Due ${within}` };
}
