// Sign-in throttling: after MAX_FAILURES failures within WINDOW_MS for one email (or one client
// address), further attempts are refused until LOCK_MS has passed, whatever the password.
import type { Db } from "@/lib/server/prisma";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export function throttleKeys(email: string, clientIp: string | null): string[] {
  const keys = [`email:${email.toLowerCase()}`];
  if (clientIp) keys.push(`ip:${clientIp}`);
  return keys;
}

export async function lockedUntil(db: Db, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = rows.map((r) => r.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

export async function recordFailure(db: Db, keys: string[], now = new Date()): Promise<void> {
  // IP keys lock at a higher count: several people may share one office address.
  for (const key of keys) {
    const limit = key.startsWith("ip:") ? MAX_FAILURES * 4 : MAX_FAILURES;
    await db.$transaction(async (tx) => {
      const row = await tx.loginThrottle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const data = {
        failures,
        firstFailureAt: fresh ? now : row.firstFailureAt,
        lockedUntil: failures >= limit ? new Date(now.getTime() + LOCK_MS) : null,
      };
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    });
  }
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email.toLowerCase()}` } });
}
