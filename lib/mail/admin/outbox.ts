import "server-only";
// The outbox as the admin sees it: counts per state, a newest-first list paged by id (a keyset,
// so a deep page costs what the first does), one message in full, and two repairs: "Retry now"
// and "Discard". Both are conditional updates on the state read, so a row the worker has just
// sent is never pushed back into the queue.
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { adminWrite, assertAdmin } from "@/lib/server/admin-write";
import { recordAudit } from "@/lib/server/audit/record";
import { PAGE_SIZE } from "@/lib/server/paging";
import { OUTBOX_STATES, type OutboxParams } from "./schemas";

export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One count per state: each is a range on the [state, nextAttemptAt] index, never a table scan. */
export async function outboxCounts(db: Db, actor: StaffActor): Promise<Record<OutboxState, number>> {
  assertAdmin(actor);
  const counts = await Promise.all(OUTBOX_STATES.map((state) => db.outboxMessage.count({ where: { state } })));
  return Object.fromEntries(OUTBOX_STATES.map((s, i) => [s, counts[i]])) as Record<OutboxState, number>;
}

async function ticketNumbers(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const tickets = await db.ticket.findMany({ where: { id: { in: wanted } }, select: { id: true, number: true } });
  return new Map(tickets.map((t) => [t.id, t.number]));
}

export async function listOutbox(db: Db, actor: StaffActor, params: OutboxParams) {
  assertAdmin(actor);
  const rows = await db.outboxMessage.findMany({
    where: { ...(params.state ? { state: params.state } : {}), ...(params.before ? { id: { lt: params.before } } : {}) },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
    // Not the bodies: a page of 50 long HTML mails is megabytes nobody reads here.
    select: { id: true, toAddress: true, subject: true, ticketId: true, state: true, attempts: true, nextAttemptAt: true, sentAt: true, lastError: true, createdAt: true },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const numbers = await ticketNumbers(db, page.map((r) => r.ticketId));
  return {
    rows: page.map((r) => ({ ...r, state: r.state as OutboxState, ticketNumber: r.ticketId ? (numbers.get(r.ticketId) ?? null) : null })),
    next: rows.length > PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

export async function outboxMessage(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const row = await db.outboxMessage.findUnique({ where: { id } });
  if (!row) return null;
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(row.headers) as Record<string, string>;
  } catch {
    // a corrupt headers column is shown as none rather than breaking the page
  }
  const numbers = await ticketNumbers(db, [row.ticketId]);
  return { ...row, state: row.state as OutboxState, headers, ticketNumber: row.ticketId ? (numbers.get(row.ticketId) ?? null) : null };
}

const snapshot = (r: { toAddress: string; subject: string; state: string; attempts: number; lastError: string | null }) => ({ name: r.subject, to: r.toAddress, state: r.state, attempts: r.attempts, lastError: r.lastError });

/**
 * Back to the queue, due now, with a fresh set of attempts. Allowed on FAILED, and on PENDING that
 * has already failed at least once (waiting on back-off). A PENDING row never tried is simply
 * queued, and may be in the middle of its first send: retrying it could send it twice.
 */
export async function retryOutboxMessage(db: Db, actor: StaffActor, { id }: { id: number }) {
  return adminWrite(db, actor, async (tx) => {
    const row = await tx.outboxMessage.findUnique({ where: { id } });
    if (!row) throw notFound("message");
    if (row.state === "SENT") throw new AppError("CONFLICT", "This message has already been sent.");
    if (row.state === "PENDING" && row.attempts === 0) throw new AppError("CONFLICT", "This message has not been tried yet; it goes out with the next run of the outbox.");
    const now = new Date();
    const done = await tx.outboxMessage.updateMany({ where: { id, state: row.state, attempts: row.attempts }, data: { state: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null } });
    if (done.count !== 1) throw new AppError("CONFLICT", "The message changed while you were looking at it. Reload the page.");
    await recordAudit(tx, actor, { entity: "outbox-message", entityId: id, action: "retry", before: snapshot(row), after: snapshot({ ...row, state: "PENDING", attempts: 0, lastError: null }) });
    return { id, state: "PENDING" as const };
  });
}

/** Stops a pending or failed message for good: FAILED with who cancelled it, so the list says why. */
export async function discardOutboxMessage(db: Db, actor: StaffActor, { id }: { id: number }) {
  return adminWrite(db, actor, async (tx) => {
    const row = await tx.outboxMessage.findUnique({ where: { id } });
    if (!row) throw notFound("message");
    if (row.state === "SENT") throw new AppError("CONFLICT", "This message has already been sent.");
    const lastError = `Cancelled by ${actor.name}`.slice(0, 1000);
    const done = await tx.outboxMessage.updateMany({ where: { id, state: row.state, attempts: row.attempts }, data: { state: "FAILED", lastError } });
    if (done.count !== 1) throw new AppError("CONFLICT", "The message changed while you were looking at it. Reload the page.");
    await recordAudit(tx, actor, { entity: "outbox-message", entityId: id, action: "discard", before: snapshot(row), after: snapshot({ ...row, state: "FAILED", lastError }) });
    return { id, state: "FAILED" as const };
  });
}
