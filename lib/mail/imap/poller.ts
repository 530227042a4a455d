import "server-only";
// Polls every active mailbox, each on its own: a bad password, an unreachable host or a message
// that throws is that mailbox's lastError, never a reason to skip the others. Within one process a
// mailbox is never polled twice at once: a second request (the timer, "Poll now", the CLI) joins
// the poll already running. The timer polls only in the process holding the poller lease; for a
// "Poll now" or the CLI running beside it, the dedupe in ingestMessage keeps a message that two
// pollers fetch at the same moment from being stored twice.
import { keepLease, LEASES, leaseTtlMs } from "@/lib/server/lease";
import type { Db } from "@/lib/server/prisma";
import { pollMailbox, type MailboxRow, type PollOptions, type PollOutcome } from "./poll";

const running = new Map<number, Promise<PollOutcome>>();

/** Polls one mailbox, or joins the poll of it already in progress in this process. */
export function pollMailboxOnce(db: Db, mailbox: MailboxRow, options: PollOptions = {}): Promise<PollOutcome> {
  const current = running.get(mailbox.id);
  if (current) return current;
  const poll = pollMailbox(db, mailbox, options).finally(() => running.delete(mailbox.id));
  running.set(mailbox.id, poll);
  return poll;
}

export async function pollAllMailboxes(db: Db, options: PollOptions = {}): Promise<PollOutcome[]> {
  const mailboxes = await db.imapMailbox.findMany({ where: { active: true }, orderBy: { id: "asc" } });
  // In parallel: a slow or hanging server (up to its timeouts) does not delay the others.
  const settled = await Promise.allSettled(mailboxes.map((m) => pollMailboxOnce(db, m, options)));
  return settled.map((s, i) =>
    s.status === "fulfilled" ? s.value : { mailbox: mailboxes[i].name, ok: false, stored: 0, duplicates: 0, quarantined: 0, ignored: 0, bounces: 0, oversized: 0, failed: 0, remaining: 0, error: String(s.reason) },
  );
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 60;

export function pollIntervalMs(env: string | undefined = process.env.IMAP_POLL_INTERVAL_SECONDS): number {
  const seconds = Number(env);
  return Number.isFinite(seconds) && seconds >= 5 ? seconds * 1000 : DEFAULT_POLL_INTERVAL_SECONDS * 1000;
}

export type ImapPollerOptions = { intervalMs?: number; leaseTtlMs?: number };

/**
 * Runs pollAllMailboxes every interval in this process while it holds the poller lease, so that of
 * several server processes exactly one polls (another takes over when it dies). A round that is
 * still running is not started again.
 */
export function startImapPoller(db: Db, options: ImapPollerOptions = {}): () => Promise<void> {
  const lease = keepLease(db, LEASES.imapPoller, { ttlMs: options.leaseTtlMs ?? leaseTtlMs(), onError: (error) => console.error("imap poller: lease not renewed", error) });
  let round: Promise<unknown> | null = null;
  const controller = new AbortController();
  const tick = () => {
    if (round || !lease.held()) return;
    round = pollAllMailboxes(db, { signal: controller.signal })
      .catch((error) => console.error("imap poller:", error))
      .finally(() => (round = null));
  };
  const timer = setInterval(tick, options.intervalMs ?? pollIntervalMs());
  timer.unref();
  return async () => {
    clearInterval(timer);
    controller.abort();
    await lease.stop();
  };
}
