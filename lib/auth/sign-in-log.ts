// The sign-in log: every failed sign-in (who was tried, from where, when, why; never the password)
// for the admin's "Sign-in log" page, and the successes that make an address known to an account
// (throttle.ts spares known addresses the coarser counters). The same failure repeated within
// minutes is counted on one row, so a script cannot grow the table by a row per guess.
import type { Db } from "@/lib/server/prisma";

export const SIGN_IN_OUTCOMES = ["success", "wrong-password", "unknown-account", "inactive", "no-password", "throttled"] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export const KNOWN_ADDRESS_DAYS = 30;
const COALESCE_MS = 10 * 60_000;
const KEEP_DAYS = 90;
const DAY = 86_400_000;

export type SignInRecord = { email: string; staffId: number | null; address: string | null; outcome: SignInOutcome };

/** Has this account signed in from this address recently? An unknown address is never known. */
export async function isKnownAddress(db: Db, staffId: number | null, address: string | null, now = new Date()): Promise<boolean> {
  if (staffId === null || address === null) return false;
  const row = await db.signInAttempt.findFirst({
    where: { staffId, address, outcome: "success", lastAt: { gte: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * DAY) } },
    select: { id: true },
  });
  return row !== null;
}

export async function recordSignInAttempt(db: Db, record: SignInRecord, now = new Date()): Promise<void> {
  const email = record.email.trim().toLowerCase().slice(0, 254);
  const recent = await db.signInAttempt.findFirst({
    where: { email, staffId: record.staffId, address: record.address, outcome: record.outcome, lastAt: { gte: new Date(now.getTime() - COALESCE_MS) } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  if (recent) await db.signInAttempt.update({ where: { id: recent.id }, data: { attempts: { increment: 1 }, lastAt: now } });
  else await db.signInAttempt.create({ data: { email, staffId: record.staffId, address: record.address, outcome: record.outcome, createdAt: now, lastAt: now } });
  if (Math.random() < 0.01) await db.signInAttempt.deleteMany({ where: { lastAt: { lt: new Date(now.getTime() - KEEP_DAYS * DAY) } } });
}
