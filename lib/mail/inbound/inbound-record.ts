import "server-only";
// The InboundMessage row of one message, written before the message is processed: the raw copy
// is in the database before anything can fail, so a message is never lost, and every attempt is
// counted, so a message that keeps failing (even where recording the failure fails too) is given
// up after MAX_ATTEMPTS and left in the quarantine instead of being fetched again forever.
// Each attempt carries its number; only the latest attempt may finish the row (optimistic lock),
// so two deliveries processed at once never both file the message.
import crypto from "node:crypto";
import { AppError } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { messageIdsIn } from "./ticket-ref";
import { rawHeader } from "./raw-repair";

/** Attempts before a failing message stays in the quarantine for an admin (no automatic retry). */
export const MAX_ATTEMPTS = 5;

export type InboundState = "STORED" | "DUPLICATE" | "QUARANTINED" | "IGNORED" | "BOUNCE";

export type Attempt = { id: number; n: number; dedupeKey: string; contentHash: string; reusedMessageId: boolean };

export type RowFields = { fromEmail: string | null; subject: string | null; senderUnclear?: boolean; rawFrom?: string | null };

export const IN_PROGRESS = `Processing did not finish. The message is tried again when it is delivered again, up to ${MAX_ATTEMPTS} times.`;

/** Thrown inside a transaction when a later attempt took the row over: this one must not commit. */
export class SupersededAttempt extends Error {
  constructor() {
    super("Another delivery of this message is being processed.");
  }
}

export function contentHashOf(raw: Buffer): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

/** The message's own Message-ID when it has a usable one. */
export function messageIdOf(raw: Buffer): string | null {
  const id = messageIdsIn(rawHeader(raw, "message-id"))[0];
  return id && id.length <= 300 ? id : null;
}

/** Message-ID when the message has a usable one, else the SHA-256 of the raw bytes. */
export function dedupeKeyFor(raw: Buffer): string {
  return messageIdOf(raw) ?? `sha256:${contentHashOf(raw)}`;
}

/** Raw mail in a text column: as is when it is UTF-8 text, else base64 behind a marker no header can start with. */
export function encodeRaw(raw: Buffer): string {
  const text = raw.toString("utf8");
  return !raw.includes(0) && Buffer.from(text, "utf8").equals(raw) ? text : `base64,${raw.toString("base64")}`;
}

export function decodeRaw(stored: string): Buffer {
  return stored.startsWith("base64,") ? Buffer.from(stored.slice(7), "base64") : Buffer.from(stored, "utf8");
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

type NewRow = { dedupeKey: string; mailbox: string; contentHash: string; reusedMessageId: boolean };

/**
 * Starts an attempt: creates the row (raw kept, state QUARANTINED until filed) or counts one more
 * try on an existing quarantined row. null when another delivery of the same message got there first.
 */
export async function beginAttempt(db: Db, raw: Buffer, row: NewRow, existing: { id: number; attempts: number; raw: string | null } | null): Promise<Attempt | null> {
  if (!existing) {
    try {
      const created = await db.inboundMessage.create({ data: { ...row, state: "QUARANTINED", raw: encodeRaw(raw), error: IN_PROGRESS, attempts: 1 } });
      return { id: created.id, n: 1, dedupeKey: row.dedupeKey, contentHash: row.contentHash, reusedMessageId: row.reusedMessageId };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  const n = existing.attempts + 1;
  const done = await db.inboundMessage.updateMany({
    where: { id: existing.id, attempts: existing.attempts, state: "QUARANTINED" },
    data: { attempts: n, contentHash: row.contentHash, ...(existing.raw ? {} : { raw: encodeRaw(raw) }) },
  });
  return done.count === 1 ? { id: existing.id, n, dedupeKey: row.dedupeKey, contentHash: row.contentHash, reusedMessageId: row.reusedMessageId } : null;
}

/** Finishes the attempt's row, inside the transaction that files the message when there is one. */
export async function finishAttempt(db: Db | Tx, attempt: Attempt, fields: RowFields, state: InboundState, extra: { ticketId?: number | null; keepRaw?: boolean; error?: string | null } = {}) {
  const data = {
    state,
    fromEmail: fields.fromEmail?.slice(0, 254) ?? null,
    subject: fields.subject?.slice(0, 500) ?? null,
    senderUnclear: fields.senderUnclear ?? false,
    rawFrom: fields.rawFrom?.slice(0, 2000) || null,
    ticketId: extra.ticketId ?? null,
    error: extra.error?.slice(0, 2000) ?? null,
    // Filed messages live in the ticket; the raw copy stays only where it is the record (quarantine, bounces, duplicates by thread).
    ...(extra.keepRaw ? {} : { raw: null }),
  };
  const done = await db.inboundMessage.updateMany({ where: { id: attempt.id, attempts: attempt.n }, data });
  if (done.count !== 1) throw new SupersededAttempt();
}

/**
 * Records why the attempt failed. If the database refuses even that (the failure may be the very
 * text being written), a shorter note; if that fails too, the row keeps its raw copy and its count.
 */
export async function recordFailure(db: Db, attempt: Attempt, fields: RowFields, detail: string): Promise<boolean> {
  try {
    await finishAttempt(db, attempt, fields, "QUARANTINED", { keepRaw: true, error: detail });
    return true;
  } catch (first) {
    if (first instanceof SupersededAttempt) return true;
    try {
      const note = "Processing failed, and the database refused to record why. Retry from the quarantine to see the error.";
      await db.inboundMessage.updateMany({ where: { id: attempt.id, attempts: attempt.n }, data: { error: note } });
      return true;
    } catch {
      return false;
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.message} ${Object.values(error.fieldErrors).join(" ")}`.trim();
  if ((error as { name?: string })?.name === "ZodError") {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
    return issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}
