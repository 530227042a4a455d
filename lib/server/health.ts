// What the reverse proxy's or Azure's health probe needs to know, and an operator glancing at it:
// whether the database answers, whether mail is flowing (outbox backlog, last poll), how much disk
// the data folder has left, how many server processes are alive. Counts and times only: the
// endpoint is public, so no names, addresses, errors, paths or settings.
import fs from "node:fs/promises";
import { liveLeases, LEASES, SERVER_HEARTBEAT_PREFIX } from "./lease";
import type { Db } from "./prisma";

/** Below either, the disk is reported as low (status "degraded"). */
const LOW_DISK_BYTES = 1024 ** 3;
const LOW_DISK_SHARE = 0.05;
/** Mail due this long ago and still not sent means the sender is stuck or the server refuses it. */
const STUCK_OUTBOX_MS = 15 * 60_000;

export type HealthReport = {
  status: "ok" | "degraded" | "database unavailable";
  /** Why the status is "degraded": short fixed phrases. */
  problems: string[];
  database: "ok" | "unavailable";
  processes?: number;
  outbox?: { pending: number; due: number; failed: number; oldestDueSeconds: number | null; sender: "running" | "none" };
  mail?: { activeMailboxes: number; failingMailboxes: number; lastPollAt: string | null; poller: "running" | "none" };
  disk?: { freeBytes: number; totalBytes: number } | null;
};

async function diskOf(folder: string): Promise<HealthReport["disk"]> {
  try {
    const stats = await fs.statfs(folder);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}

export async function checkHealth(db: Db, options: { dataDir: string; now?: Date }): Promise<{ httpStatus: number; report: HealthReport }> {
  const now = options.now ?? new Date();
  const disk = await diskOf(options.dataDir);
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { httpStatus: 503, report: { status: "database unavailable", problems: ["the database does not answer"], database: "unavailable", disk } };
  }
  try {
    const [pending, due, failed, oldestDue, mailboxes, leases] = await Promise.all([
      db.outboxMessage.count({ where: { state: "PENDING" } }),
      db.outboxMessage.count({ where: { state: "PENDING", nextAttemptAt: { lte: now } } }),
      db.outboxMessage.count({ where: { state: "FAILED" } }),
      db.outboxMessage.findFirst({ where: { state: "PENDING", nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
      db.imapMailbox.findMany({ where: { active: true }, select: { lastPolledAt: true, lastError: true } }),
      liveLeases(db, now),
    ]);
    const lastPoll = mailboxes.reduce<Date | null>((latest, m) => (m.lastPolledAt && (!latest || m.lastPolledAt > latest) ? m.lastPolledAt : latest), null);
    const held = (name: string) => (leases.some((l) => l.name === name) ? "running" : "none");
    const oldestDueMs = oldestDue ? now.getTime() - oldestDue.nextAttemptAt.getTime() : null;
    const report: HealthReport = {
      status: "ok",
      problems: [],
      database: "ok",
      processes: leases.filter((l) => l.name.startsWith(SERVER_HEARTBEAT_PREFIX)).length,
      outbox: { pending, due, failed, oldestDueSeconds: oldestDueMs === null ? null : Math.round(oldestDueMs / 1000), sender: held(LEASES.outboxSender) },
      mail: { activeMailboxes: mailboxes.length, failingMailboxes: mailboxes.filter((m) => m.lastError).length, lastPollAt: lastPoll?.toISOString() ?? null, poller: held(LEASES.imapPoller) },
      disk,
    };
    if (oldestDueMs !== null && oldestDueMs > STUCK_OUTBOX_MS) report.problems.push("mail has waited in the outbox for over 15 minutes");
    if (report.mail!.failingMailboxes) report.problems.push("a mailbox's last poll failed");
    if (disk && (disk.freeBytes < LOW_DISK_BYTES || disk.freeBytes < disk.totalBytes * LOW_DISK_SHARE)) report.problems.push("the data folder's disk is nearly full");
    if (!disk) report.problems.push("the data folder's disk cannot be read");
    if (report.problems.length) report.status = "degraded";
    // Degraded still serves pages: only a database that does not answer takes the server out.
    return { httpStatus: 200, report };
  } catch {
    return { httpStatus: 503, report: { status: "database unavailable", problems: ["the database does not answer"], database: "unavailable", disk } };
  }
}
