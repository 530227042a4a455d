import "server-only";
// Every admin change takes this path: the actor must be an administrator (checked here again, not
// only by the action client, so a service called from elsewhere refuses too), the change runs in
// one transaction, and a unique-constraint race becomes a field error instead of a crash.
import crypto from "node:crypto";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/server/action-result";
import { auditChanges } from "@/lib/server/audit/diff";
import { isPostgres } from "@/lib/server/database-kind";
import { AppError, forbidden, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";

/** Only the flag matters here; the bottom layer names no capability's types (a StaffActor fits). */
export type AdminCheckable = { isAdmin: boolean };

export function assertAdmin(actor: AdminCheckable): void {
  if (!actor.isAdmin) throw forbidden("Only administrators can do that.");
}

/** Validates a service's input with the form's schema; a caller other than the form gets the same field errors. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The columns a unique-constraint error names, from either driver adapter's error shape. */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { kind?: string; constraint?: { fields?: string[] } } } } };
  if (e?.code !== "P2002") return null;
  const target = e.meta?.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  return e.meta?.driverAdapterError?.cause?.constraint?.fields?.map((f) => f.replace(/"/g, "")) ?? [];
}

/**
 * Runs a configuration change in one transaction. `uniqueFields` maps a unique column to the
 * message for its field, used when two people save the same name at the same moment (the pre-check
 * cannot see the other's uncommitted row). Callers check who may make the change.
 */
export async function auditedWrite<T>(db: Db, body: (tx: Tx) => Promise<T>, uniqueFields: Record<string, string> = {}): Promise<T> {
  try {
    return await db.$transaction(body, { timeout: 15_000 });
  } catch (error) {
    const fields = uniqueViolationFields(error);
    if (fields) {
      const fieldErrors: Record<string, string> = {};
      for (const f of fields) if (uniqueFields[f]) fieldErrors[f] = uniqueFields[f];
      throw new AppError("INVALID", Object.values(fieldErrors)[0] ?? "That is already taken.", fieldErrors);
    }
    throw error;
  }
}

/** An admin change: refused to anyone but an administrator, then as auditedWrite. */
export async function adminWrite<T>(db: Db, actor: AdminCheckable, body: (tx: Tx) => Promise<T>, uniqueFields: Record<string, string> = {}): Promise<T> {
  assertAdmin(actor);
  return auditedWrite(db, body, uniqueFields);
}

/**
 * The version an edit form saves against: a fingerprint of the values the form edits, not the row's
 * updatedAt, which a sign-in or a background job also moves without making the form stale.
 */
export function editVersion(values: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(values)).digest("base64url").slice(0, 22);
}

/** Which record a form edits, as the audit log names it: the conflict says who changed what there last. */
export type EditedRecord = { what: string; entity: string; entityId: number | string };

/**
 * The conflict for a form opened before someone else's save: who saved and what they changed (the
 * record's last audit row), so the admin can check it; the form keeps what they typed.
 */
export async function staleFormError(tx: Tx, record: EditedRecord): Promise<AppError> {
  const last = await tx.auditLog.findFirst({ where: { entity: record.entity, entityId: String(record.entityId) }, orderBy: { id: "desc" }, include: { actorStaff: { select: { name: true } } } });
  const who = last ? (last.actorStaff?.name ?? (last.actorStaffId === null ? "the command line" : "another admin")) : "someone else";
  const details = last ? auditChanges(last.before, last.after).map((c) => `${c.field}: ${c.before} → ${c.after}`) : [];
  return new AppError("CONFLICT", `${record.what} was saved by ${who} after you opened this page. Nothing was saved; your values are still in the form. Check what changed, load the latest version, then save again.`, {}, details);
}

/**
 * Refuses a save from a form opened on values someone has saved since: it would silently undo their
 * change. No version (a script, the command line) skips the check.
 */
export async function assertFreshForm(tx: Tx, version: string | undefined, currentVersion: string, record: EditedRecord): Promise<void> {
  if (version !== undefined && version !== currentVersion) throw await staleFormError(tx, record);
}

/** Tables whose edit forms save against a version; the name is interpolated, so only these. */
const LOCKABLE = ["Department", "HelpTopic", "Priority", "SlaPlan", "Team", "ImapMailbox", "Staff"] as const;

/**
 * Holds the row until the transaction ends, so that of two saves checked against the same version
 * the second reads what the first wrote. PostgreSQL runs transactions at READ COMMITTED, where both
 * would otherwise pass the check; SQLite already allows one writer at a time.
 */
export async function lockForEdit(tx: Tx, table: (typeof LOCKABLE)[number], id: number): Promise<void> {
  if (!LOCKABLE.includes(table)) throw new Error(`not a lockable table: ${table}`);
  if (!isPostgres(tx)) return;
  await tx.$queryRawUnsafe(`SELECT "id" FROM "${table}" WHERE "id" = $1 FOR UPDATE`, id);
}
