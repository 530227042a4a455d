// Jobs that must run in one process at a time (the IMAP poller, the outbox sender, the start-up data
// steps) take a lease: a row naming the holder and when its claim ends. The holder renews it while
// it works; when a holder dies its row simply expires and the next process to ask takes it over.
// The database is the only thing every server process (cluster workers, a second machine) shares,
// so that is where the lease lives. No 'server-only': the operator CLI and tests use it too.
import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "./prisma";

/** Names of the leases the server takes; `server:` rows are each live process's heartbeat. */
export const LEASES = {
  imapPoller: "mail-poller",
  outboxSender: "outbox-sender",
  dataSteps: "data-steps",
} as const;
export const SERVER_HEARTBEAT_PREFIX = "server:";

const DEFAULT_TTL_MS = 30_000;

/**
 * How long a claim lasts without renewal: how soon another process takes a dead holder's job over.
 * LEASE_TTL_SECONDS changes it (at least 1 s; tests shorten it to see a takeover quickly).
 */
export function leaseTtlMs(env: string | undefined = process.env.LEASE_TTL_SECONDS): number {
  const seconds = Number(env);
  return env && Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : DEFAULT_TTL_MS;
}

/** This process, told apart from a restarted one with the same pid. */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * Takes the lease for `ttlMs`, or renews it when `holder` already has it. False while another
 * holder's claim has not expired. One conditional write, so two processes asking at the same
 * moment cannot both win.
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt, renewedAt: now },
  });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { name, holder, expiresAt, renewedAt: now } });
    return true;
  } catch (error) {
    // Someone holds it (the row exists and is not ours or expired), or created it a moment ago.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives the lease up at once (a clean stop), so the next process need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { name, holder } });
}

/** Leases whose claim has not expired, e.g. to tell whether any server process is alive. */
export async function liveLeases(db: Db, now = new Date()): Promise<{ name: string; holder: string; expiresAt: Date; renewedAt: Date }[]> {
  return db.lease.findMany({ where: { expiresAt: { gt: now } }, orderBy: { name: "asc" } });
}

export type LeaseKeeper = {
  readonly name: string;
  readonly holder: string;
  /** Whether this process holds the lease now (with a safety margin before the claim ends). */
  held(): boolean;
  /** Asks the database now: takes or renews the lease; resolves to whether it is held. */
  refresh(): Promise<boolean>;
  /** Stops renewing and releases the lease. */
  stop(): Promise<void>;
};

export type KeepLeaseOptions = {
  ttlMs: number;
  holder?: string;
  /** How often to renew or try to take over; a third of the time to live by default. */
  renewEveryMs?: number;
  onChange?: (held: boolean) => void;
  onError?: (error: unknown) => void;
};

/**
 * Keeps trying to hold the lease `name` for as long as the process runs: renews it every third of
 * its time to live while held, and takes it over once the holder's claim expires. A process that
 * stalls longer than the margin stops believing it holds the lease before anyone else may take it.
 */
export function keepLease(db: Db, name: string, options: KeepLeaseOptions): LeaseKeeper {
  const holder = options.holder ?? newHolderId();
  const renewEveryMs = options.renewEveryMs ?? Math.max(50, Math.floor(options.ttlMs / 3));
  // Believe the claim only until a renewal interval before it ends: the next renewal is due by then.
  const trustMs = Math.max(0, options.ttlMs - renewEveryMs);
  let heldUntil = 0;
  let stopped = false;
  let inFlight: Promise<boolean> | null = null;

  const refresh = (): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    inFlight ??= (async () => {
      const wasHeld = Date.now() < heldUntil;
      const started = Date.now();
      let now = false;
      try {
        now = await acquireLease(db, name, holder, options.ttlMs);
      } catch (error) {
        options.onError?.(error);
      }
      heldUntil = now && !stopped ? started + trustMs : 0;
      if (now !== wasHeld) options.onChange?.(now);
      return now;
    })().finally(() => (inFlight = null));
    return inFlight;
  };

  const timer = setInterval(() => void refresh(), renewEveryMs);
  timer.unref();
  void refresh();
  return {
    name,
    holder,
    held: () => !stopped && Date.now() < heldUntil,
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight?.catch(() => undefined);
      heldUntil = 0;
      await releaseLease(db, name, holder).catch((error) => options.onError?.(error));
    },
  };
}

/**
 * This process's heartbeat: a lease of its own (`server:<holder>`) renewed while it runs, so the
 * health check can count live processes and `manage restore` can refuse to run under a live server.
 */
export function keepServerHeartbeat(db: Db, options: Omit<KeepLeaseOptions, "holder"> & { holder?: string } = { ttlMs: leaseTtlMs() }): LeaseKeeper {
  const holder = options.holder ?? newHolderId();
  return keepLease(db, `${SERVER_HEARTBEAT_PREFIX}${holder}`, { ...options, holder });
}

/** Drops the heartbeats of processes that stopped over an hour ago (crashed, or killed). */
export async function forgetStoppedServers(db: Db, now = new Date()): Promise<void> {
  await db.lease.deleteMany({ where: { name: { startsWith: SERVER_HEARTBEAT_PREFIX }, expiresAt: { lt: new Date(now.getTime() - 3_600_000) } } });
}

/** Runs `job` only if no other process is running it now (e.g. start-up steps in a cluster). */
export async function runExclusively<T>(db: Db, name: string, job: () => Promise<T>, ttlMs = 10 * 60_000): Promise<{ ran: true; value: T } | { ran: false }> {
  const holder = newHolderId();
  if (!(await acquireLease(db, name, holder, ttlMs))) return { ran: false };
  try {
    return { ran: true, value: await job() };
  } finally {
    await releaseLease(db, name, holder);
  }
}
