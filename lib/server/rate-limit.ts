// Fixed-window limits on what anyone may do without an account (open tickets, have links mailed),
// kept in the database so they hold across restarts and across server processes.
import type { Db } from "./prisma";
import { AppError } from "./errors";

export type Limit = { key: string; max: number; windowMs: number };

const DAY = 86_400_000;

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * Counts one use of `key`; false once more than `max` uses fall in the current window. Each step is
 * one atomic statement, so uses counted at the same moment by several server processes are all
 * counted (a read-then-write transaction lost some on PostgreSQL, where two processes could both
 * see no row or an ended window and both start it at 1).
 */
export async function allowUse(db: Db, limit: Limit, now = new Date()): Promise<boolean> {
  const windowOpen = new Date(now.getTime() - limit.windowMs);
  for (let attempt = 0; ; attempt++) {
    // The usual case: a window is running; count the use in it.
    const [counted] = await db.rateLimit.updateManyAndReturn({ where: { key: limit.key, windowStart: { gt: windowOpen } }, data: { count: { increment: 1 } }, select: { count: true } });
    if (counted) {
      // Now and then, drop counters whose windows ended long ago, so the table stays small.
      if (Math.random() < 0.01) await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - DAY) } } });
      return counted.count <= limit.max;
    }
    // The window ended: start a new one with this use. Only one process can match the old window.
    const restarted = await db.rateLimit.updateMany({ where: { key: limit.key, windowStart: { lte: windowOpen } }, data: { count: 1, windowStart: now } });
    if (restarted.count === 1) return true;
    try {
      await db.rateLimit.create({ data: { key: limit.key, count: 1, windowStart: now } });
      return true;
    } catch (error) {
      // Another process started the window a moment ago: count the use in it (next round).
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** Every limit counts the use; any one exceeded refuses it. */
export async function enforceLimits(db: Db, limits: Limit[], now = new Date()): Promise<void> {
  let allowed = true;
  for (const limit of limits) if (!(await allowUse(db, limit, now))) allowed = false;
  if (!allowed) throw new AppError("RATE_LIMITED", "There have been too many of these requests in a short time. Wait a few minutes, then send it again: what you typed is still here.");
}
