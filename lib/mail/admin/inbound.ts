import "server-only";
// Inbound mail as the admin sees it: every message the help desk received, newest first, with the
// quarantine (mail that could not be filed) first-class: its error, its raw source, "Retry" after
// fixing the cause, and "Discard".
import type { StaffActor } from "@/lib/auth/actor";
import { decodeRaw, retryQuarantined, type IngestResult } from "@/lib/mail/inbound/ingest";
import { AppError, notFound } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { adminWrite, assertAdmin } from "@/lib/server/admin-write";
import { recordAudit } from "@/lib/server/audit/record";
import { PAGE_SIZE } from "@/lib/server/paging";
import { INBOUND_STATES, type InboundParams } from "./schemas";

export type InboundState = (typeof INBOUND_STATES)[number];

/** How much raw source the page shows; the whole message is one click away as a download. */
export const RAW_PREVIEW_CHARS = 20_000;

/** One count per state, each a range on the [state, receivedAt] index. */
export async function inboundCounts(db: Db, actor: StaffActor): Promise<Record<InboundState, number>> {
  assertAdmin(actor);
  const counts = await Promise.all(INBOUND_STATES.map((state) => db.inboundMessage.count({ where: { state } })));
  return Object.fromEntries(INBOUND_STATES.map((s, i) => [s, counts[i]])) as Record<InboundState, number>;
}

async function ticketNumbers(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const tickets = await db.ticket.findMany({ where: { id: { in: wanted } }, select: { id: true, number: true } });
  return new Map(tickets.map((t) => [t.id, t.number]));
}

export async function listInbound(db: Db, actor: StaffActor, params: InboundParams) {
  assertAdmin(actor);
  const rows = await db.inboundMessage.findMany({
    where: { ...(params.state ? { state: params.state } : {}), ...(params.before ? { id: { lt: params.before } } : {}) },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
    // Never the raw column in a list: quarantined messages can be megabytes each.
    select: { id: true, mailbox: true, fromEmail: true, subject: true, state: true, ticketId: true, error: true, receivedAt: true },
  });
  const page = rows.slice(0, PAGE_SIZE);
  const numbers = await ticketNumbers(db, page.map((r) => r.ticketId));
  return {
    rows: page.map((r) => ({ ...r, state: r.state as InboundState, ticketNumber: r.ticketId ? (numbers.get(r.ticketId) ?? null) : null })),
    next: rows.length > PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

export async function inboundMessage(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const row = await db.inboundMessage.findUnique({ where: { id } });
  if (!row) return null;
  const raw = row.raw ? decodeRaw(row.raw).toString("utf8") : null;
  const numbers = await ticketNumbers(db, [row.ticketId]);
  return {
    id: row.id, mailbox: row.mailbox, fromEmail: row.fromEmail, subject: row.subject, state: row.state as InboundState, error: row.error, receivedAt: row.receivedAt,
    attempts: row.attempts, senderUnclear: row.senderUnclear, rawFrom: row.rawFrom, reusedMessageId: row.reusedMessageId,
    ticketNumber: row.ticketId ? (numbers.get(row.ticketId) ?? null) : null,
    rawPreview: raw === null ? null : raw.slice(0, RAW_PREVIEW_CHARS),
    rawLength: raw?.length ?? 0,
  };
}

/** The stored raw message as bytes, for the .eml download. */
export async function inboundRaw(db: Db, actor: StaffActor, id: number): Promise<Buffer | null> {
  assertAdmin(actor);
  const row = await db.inboundMessage.findUnique({ where: { id }, select: { raw: true } });
  return row?.raw ? decodeRaw(row.raw) : null;
}

const snapshot = (r: { subject: string | null; fromEmail: string | null; state: string; error: string | null }) => ({ name: r.subject ?? "(no subject)", from: r.fromEmail, state: r.state, error: r.error });

export type InboundRetryOutcome = Pick<IngestResult, "state" | "ticketNumber" | "created" | "detail">;

/**
 * Files a quarantined message again through the normal ingest path. Ingest writes in its own
 * transactions (ticket, files, the InboundMessage row), so the audit row follows in one more,
 * recording what came of it.
 */
export async function retryInboundMessage(db: Db, actor: StaffActor, { id }: { id: number }): Promise<InboundRetryOutcome> {
  assertAdmin(actor);
  const before = await db.inboundMessage.findUnique({ where: { id }, select: { subject: true, fromEmail: true, state: true, error: true } });
  if (!before) throw notFound("message");
  if (before.state !== "QUARANTINED") throw new AppError("CONFLICT", "Only a message in quarantine can be retried.");
  const result = await retryQuarantined(db, id);
  const after = await db.inboundMessage.findUnique({ where: { id }, select: { subject: true, fromEmail: true, state: true, error: true } });
  await adminWrite(db, actor, (tx) =>
    recordAudit(tx, actor, { entity: "inbound-message", entityId: id, action: "retry", before: snapshot(before), after: { ...snapshot(after ?? before), ticket: result.ticketNumber } }),
  );
  return { state: result.state, ticketNumber: result.ticketNumber, created: result.created, detail: result.detail };
}

/**
 * "Correct the sender and file": the admin names the address the message is from (its From: line
 * was unclear or unusable), and the message is filed as if it had come from that address.
 */
export async function fileWithSender(db: Db, actor: StaffActor, { id, senderEmail }: { id: number; senderEmail: string }): Promise<InboundRetryOutcome> {
  assertAdmin(actor);
  const before = await db.inboundMessage.findUnique({ where: { id }, select: { subject: true, fromEmail: true, state: true, error: true } });
  if (!before) throw notFound("message");
  if (before.state !== "QUARANTINED") throw new AppError("CONFLICT", "Only a message in quarantine can be filed with a corrected sender.");
  const result = await retryQuarantined(db, id, { senderOverride: senderEmail });
  const after = await db.inboundMessage.findUnique({ where: { id }, select: { subject: true, fromEmail: true, state: true, error: true } });
  await adminWrite(db, actor, (tx) =>
    recordAudit(tx, actor, { entity: "inbound-message", entityId: id, action: "file-with-sender", before: snapshot(before), after: { ...snapshot(after ?? before), ticket: result.ticketNumber } }),
  );
  return { state: result.state, ticketNumber: result.ticketNumber, created: result.created, detail: result.detail };
}

/**
 * Takes a message out of the quarantine for good: IGNORED, with who discarded it in front of the
 * original error. The raw source is kept: it is the only evidence of what arrived (spam, a broken
 * sender), it stays downloadable, and a redelivery of the same message is now a duplicate rather
 * than a new quarantine entry. Removing old raw mail is a retention job, not this button's.
 */
export async function discardInboundMessage(db: Db, actor: StaffActor, { id }: { id: number }) {
  return adminWrite(db, actor, async (tx) => {
    const row = await tx.inboundMessage.findUnique({ where: { id }, select: { subject: true, fromEmail: true, state: true, error: true } });
    if (!row) throw notFound("message");
    if (row.state !== "QUARANTINED") throw new AppError("CONFLICT", "Only a message in quarantine can be discarded.");
    const error = `Discarded by ${actor.name}.${row.error ? ` Was: ${row.error}` : ""}`.slice(0, 2000);
    const done = await tx.inboundMessage.updateMany({ where: { id, state: "QUARANTINED" }, data: { state: "IGNORED", error } });
    if (done.count !== 1) throw new AppError("CONFLICT", "The message changed while you were looking at it. Reload the page.");
    await recordAudit(tx, actor, { entity: "inbound-message", entityId: id, action: "discard", before: snapshot(row), after: snapshot({ ...row, state: "IGNORED", error }) });
    return { id, state: "IGNORED" as const };
  });
}
