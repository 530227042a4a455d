// Sign-in throttling that cannot be turned against the account's owner. Failures are counted per
// account and client address together, so a stranger's guesses never use up the owner's budget.
// Two coarser counters stop what that alone would let through, and neither applies from an address
// the account signed in from in the last 30 days (see sign-in-log.ts): guesses at one account from
// many addresses, and one address trying many accounts (spraying).
//
// Each counter has a free budget; past it, every failure makes the next attempt wait longer (30 s,
// 1, 2, 4 … minutes, at most 30). Nothing locks for good, and counters forget after a day.
//
// An attempt is counted before its password is checked, with a compare-and-set on the counter row,
// so a burst of parallel guesses gets no more tries than guesses one after another would; a success
// gives its count back.
import type { Db } from "@/lib/server/prisma";

export const FREE_FAILURES = { pair: 5, account: 10, address: 30 } as const;
const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 30 * 60_000;
export const FORGET_AFTER_MS = 24 * 3600_000;

export type ThrottleKey = { key: string; free: number; kind: keyof typeof FREE_FAILURES };

/** The wait after the n-th failure beyond the free budget. */
export function backoffMs(beyondFree: number): number {
  return beyondFree <= 0 ? 0 : Math.min(FIRST_WAIT_MS * 2 ** Math.min(beyondFree - 1, 20), MAX_WAIT_MS);
}

/** The counters an attempt meets. A null address (unknown, e.g. under `next dev`) is one shared address. */
export function throttleKeys(email: string, address: string | null, knownAddress: boolean): ThrottleKey[] {
  const who = email.trim().toLowerCase();
  const from = address ?? "unknown";
  const keys: ThrottleKey[] = [{ key: `pair:${who}|${from}`, free: FREE_FAILURES.pair, kind: "pair" }];
  if (!knownAddress) {
    keys.push({ key: `account:${who}`, free: FREE_FAILURES.account, kind: "account" });
    keys.push({ key: `address:${from}`, free: FREE_FAILURES.address, kind: "address" });
  }
  return keys;
}

type Reservation = { key: ThrottleKey; previousLock: Date | null; setLock: boolean };
export type ReserveResult = { ok: true; reservations: Reservation[] } | { ok: false; until: Date };

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

async function reserveOne(db: Db, k: ThrottleKey, now: Date): Promise<{ ok: true; reservation: Reservation } | { ok: false; until: Date }> {
  for (let tries = 0; tries < 10; tries++) {
    const row = await db.loginThrottle.findUnique({ where: { key: k.key } });
    if (row?.lockedUntil && row.lockedUntil > now) return { ok: false, until: row.lockedUntil };
    const stale = !row || now.getTime() - row.firstFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const lockedUntil = failures > k.free ? new Date(now.getTime() + backoffMs(failures - k.free)) : null;
    const reservation = { key: k, previousLock: row?.lockedUntil ?? null, setLock: lockedUntil !== null };
    if (!row) {
      try {
        await db.loginThrottle.create({ data: { key: k.key, failures, firstFailureAt: now, lockedUntil } });
        return { ok: true, reservation };
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { count } = await db.loginThrottle.updateMany({
      where: { key: k.key, failures: row.failures, firstFailureAt: row.firstFailureAt },
      data: { failures, firstFailureAt: stale ? now : row.firstFailureAt, lockedUntil },
    });
    if (count === 1) return { ok: true, reservation };
  }
  // Many attempts on one counter at the same moment: that is what throttling is for.
  return { ok: false, until: new Date(now.getTime() + FIRST_WAIT_MS) };
}

/** Gives an attempt's count back (it succeeded, or another counter refused it). */
async function release(db: Db, r: Reservation): Promise<void> {
  await db.loginThrottle.updateMany({
    where: { key: r.key.key, failures: { gt: 0 } },
    data: { failures: { decrement: 1 }, ...(r.setLock ? { lockedUntil: r.previousLock } : {}) },
  });
}

/** Counts the attempt on every counter, or refuses it (counting nothing) while any counter makes it wait. */
export async function reserveAttempt(db: Db, keys: ThrottleKey[], now = new Date()): Promise<ReserveResult> {
  const reservations: Reservation[] = [];
  for (const k of keys) {
    const result = await reserveOne(db, k, now);
    if (!result.ok) {
      for (const r of reservations) await release(db, r);
      return result;
    }
    reservations.push(result.reservation);
  }
  return { ok: true, reservations };
}

/** A right password: the account and address start afresh together; the coarser counters get the attempt back. */
export async function attemptSucceeded(db: Db, reservations: Reservation[]): Promise<void> {
  for (const r of reservations) {
    if (r.key.kind === "pair") await db.loginThrottle.deleteMany({ where: { key: r.key.key } });
    else await release(db, r);
  }
  // Now and then, drop counters that have forgotten everything, so the table stays small.
  if (Math.random() < 0.05) {
    const now = Date.now();
    await db.loginThrottle.deleteMany({ where: { firstFailureAt: { lt: new Date(now - FORGET_AFTER_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date(now) } }] } });
  }
}
