// Fixed-window limits on what anyone may do without an account (open tickets, have links mailed),
// kept in the database so they hold across restarts and across server processes.
import type { Db } from "./prisma";
import { AppError } from "./errors";

export type Limit = { key: string; max: number; windowMs: number };

const DAY = 86_400_000;

/** Counts one use of `key`; false once more than `max` uses fall in the current window. */
export async function allowUse(db: Db, limit: Limit, now = new Date()): Promise<boolean> {
  const allowed = await db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key: limit.key } });
    if (!row || now.getTime() - row.windowStart.getTime() >= limit.windowMs) {
      await tx.rateLimit.upsert({ where: { key: limit.key }, create: { key: limit.key, count: 1, windowStart: now }, update: { count: 1, windowStart: now } });
      return true;
    }
    const updated = await tx.rateLimit.update({ where: { key: limit.key }, data: { count: { increment: 1 } } });
    return updated.count <= limit.max;
  });
  // Now and then, drop counters whose windows ended long ago, so the table stays small.
  if (Math.random() < 0.01) await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - DAY) } } });
  return allowed;
}

/** Every limit counts the use; any one exceeded refuses it. */
export async function enforceLimits(db: Db, limits: Limit[], now = new Date()): Promise<void> {
  let allowed = true;
  for (const limit of limits) if (!(await allowUse(db, limit, now))) allowed = false;
  if (!allowed) throw new AppError("RATE_LIMITED", "There have been too many of these requests in a short time. Wait a few minutes, then send it again: what you typed is still here.");
}
