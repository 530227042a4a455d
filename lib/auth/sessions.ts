// Server-side sessions. The session cookie (next-auth's encrypted JWT) carries a random secret; the
// database keeps the secret's SHA-256 as the row id. Every request looks the row up, so ending it
// (sign-out, a password change, deactivation, an admin's "end sessions") refuses a copied cookie
// at once, whatever its own expiry says.
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { twoFactorRequired } from "./two-factor-policy";
import { describeUserAgent } from "./user-agent";

export const SESSION_HOURS = 12;
/** Last-seen is written at most this often, so most requests only read. */
export const TOUCH_INTERVAL_MS = 5 * 60_000;
/** A password session waiting for its second factor lasts this long. */
export const SECOND_FACTOR_MINUTES = 10;
/** Ended and expired rows stay this long for the account page, then go. */
const KEEP_ENDED_MS = 30 * 86_400_000;

export type SessionMethod = "password" | "entra" | "oidc";
export type EndReason = "sign-out" | "password-change" | "signed-out-everywhere" | "ended-by-admin" | "deactivated" | "password-reset" | "replaced" | "passwords-off";

export function sessionIdOf(secret: string): string {
  return crypto.createHash("sha256").update(`session:${secret}`, "utf8").digest("hex");
}

export async function startSession(
  db: Db | Tx,
  input: { staffId: number; method: SessionMethod; clientAddress: string | null; userAgent: string | null; secondFactorDone?: boolean },
  now = new Date(),
): Promise<{ secret: string; id: string }> {
  const staff = await db.staff.findUniqueOrThrow({ where: { id: input.staffId }, select: { sessionVersion: true } });
  const secret = crypto.randomBytes(32).toString("base64url");
  const id = sessionIdOf(secret);
  await db.staffSession.deleteMany({ where: { staffId: input.staffId, OR: [{ endedAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } }, { expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } }] } });
  await db.staffSession.create({
    data: {
      id,
      staffId: input.staffId,
      method: input.method,
      sessionVersion: staff.sessionVersion,
      secondFactorAt: input.secondFactorDone ? now : null,
      clientAddress: input.clientAddress?.slice(0, 100) ?? null,
      userAgent: describeUserAgent(input.userAgent),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
    },
  });
  return { secret, id };
}

export type SessionState =
  | { state: "none" }
  | { state: "active"; sessionId: string; staffId: number; method: SessionMethod }
  /** Signed in with a password; the second factor is still owed (a code, or enrolment when required). */
  | { state: "second-factor"; need: "code" | "enrol"; sessionId: string; staffId: number };

/** What a request's session secret is worth now. Touches last-seen at most every few minutes. */
export async function checkSession(db: Db, secret: string | null | undefined, now = new Date()): Promise<SessionState> {
  if (!secret) return { state: "none" };
  const id = sessionIdOf(secret);
  const row = await db.staffSession.findUnique({
    where: { id },
    include: { staff: { select: { active: true, sessionVersion: true, kind: true, twoFactor: { select: { enabledAt: true } } } } },
  });
  if (!row || row.endedAt || row.expiresAt <= now || !row.staff.active || row.sessionVersion !== row.staff.sessionVersion) return { state: "none" };
  if (row.method === "password" && !row.secondFactorAt) {
    const enrolled = !!row.staff.twoFactor?.enabledAt;
    const required = enrolled || twoFactorRequired((await loadSettings(db)).signInRequireTwoFactor, row.staff.kind === "ADMIN");
    if (required) {
      if (now.getTime() - row.createdAt.getTime() > SECOND_FACTOR_MINUTES * 60_000) return { state: "none" };
      return { state: "second-factor", need: enrolled ? "code" : "enrol", sessionId: id, staffId: row.staffId };
    }
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.staffSession.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { state: "active", sessionId: id, staffId: row.staffId, method: row.method as SessionMethod };
}

export async function endSession(db: Db | Tx, id: string, reason: EndReason, now = new Date()): Promise<boolean> {
  const ended = await db.staffSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return ended.count > 0;
}

/**
 * Ends every session of a staff member, optionally but one (the person changing their own password
 * stays signed in where they did it). The sessionVersion bump also refuses any session this table
 * does not know of, e.g. one being created at this very moment.
 */
export async function endAllSessions(tx: Tx, staffId: number, reason: EndReason, options: { except?: string } = {}, now = new Date()): Promise<number> {
  const staff = await tx.staff.update({ where: { id: staffId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
  const ended = await tx.staffSession.updateMany({ where: { staffId, endedAt: null, ...(options.except ? { NOT: { id: options.except } } : {}) }, data: { endedAt: now, endReason: reason } });
  if (options.except) await tx.staffSession.updateMany({ where: { id: options.except, staffId, endedAt: null }, data: { sessionVersion: staff.sessionVersion } });
  return ended.count;
}

export async function markSecondFactorDone(db: Db | Tx, sessionId: string, now = new Date()): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { secondFactorAt: now, lastSeenAt: now } });
}

export type SessionSummary = { id: string; method: string; clientAddress: string | null; userAgent: string; createdAt: Date; lastSeenAt: Date };

/** The sessions that would still let someone in, newest first. */
export async function activeSessions(db: Db | Tx, staffId: number, now = new Date()): Promise<SessionSummary[]> {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { sessionVersion: true } });
  if (!staff) return [];
  return db.staffSession.findMany({
    where: { staffId, endedAt: null, expiresAt: { gt: now }, sessionVersion: staff.sessionVersion },
    select: { id: true, method: true, clientAddress: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
