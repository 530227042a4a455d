// Sends what the outbox holds: PENDING rows due now, one at a time, oldest first. A failure is
// retried with exponential back-off (1, 2, 4 … minutes); after MAX_ATTEMPTS the row is FAILED with
// the last error, for an admin to see. A row is leased before sending, so two workers (two server
// processes) never send the same mail twice.
import type { Db } from "@/lib/server/prisma";
import { keepLease, LEASES, leaseTtlMs } from "@/lib/server/lease";
import { loadSettings } from "@/lib/settings/store";
import { createMailTransport, fromAddress, type MailTransport } from "./transport";

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 10 * 60_000;

export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export type OutboxRun = { sent: number; retried: number; failed: number };

export async function processOutbox(db: Db, opts: { now?: Date; transport?: MailTransport; batch?: number } = {}): Promise<OutboxRun> {
  const now = opts.now ?? new Date();
  const due = await db.outboxMessage.findMany({ where: { state: "PENDING", nextAttemptAt: { lte: now } }, orderBy: { id: "asc" }, take: opts.batch ?? 20 });
  const run: OutboxRun = { sent: 0, retried: 0, failed: 0 };
  if (!due.length) return run;
  const settings = await loadSettings(db);
  const transport = opts.transport ?? createMailTransport(settings, db);
  try {
    for (const row of due) {
      const lease = await db.outboxMessage.updateMany({ where: { id: row.id, state: "PENDING", attempts: row.attempts, nextAttemptAt: row.nextAttemptAt }, data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) } });
      if (lease.count !== 1) continue;
      try {
        await transport.send({ from: fromAddress(settings), to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody, headers: JSON.parse(row.headers) as Record<string, string> });
        await db.outboxMessage.update({ where: { id: row.id }, data: { state: "SENT", sentAt: new Date(), attempts: row.attempts + 1, lastError: null } });
        run.sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const failed = attempts >= MAX_ATTEMPTS;
        await db.outboxMessage.update({ where: { id: row.id }, data: { attempts, lastError, state: failed ? "FAILED" : "PENDING", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) } });
        if (failed) run.failed++;
        else run.retried++;
      }
    }
  } finally {
    if (!opts.transport) transport.close();
  }
  return run;
}

export type OutboxWorkerOptions = { intervalMs?: number; leaseTtlMs?: number };

/**
 * Runs processOutbox every few seconds in this process, but only while this process holds the
 * outbox lease: with several server processes exactly one sends, and another takes over within the
 * lease's time to live when that one dies. Never two runs at once in one process.
 */
export function startOutboxWorker(db: Db, options: OutboxWorkerOptions = {}): () => Promise<void> {
  const lease = keepLease(db, LEASES.outboxSender, { ttlMs: options.leaseTtlMs ?? leaseTtlMs(), onError: (error) => console.error("outbox worker: lease not renewed", error) });
  let running = false;
  const timer = setInterval(async () => {
    if (running || !lease.held()) return;
    running = true;
    try {
      await processOutbox(db);
    } catch (error) {
      console.error("outbox worker:", error);
    } finally {
      running = false;
    }
  }, options.intervalMs ?? 5000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await lease.stop();
  };
}
