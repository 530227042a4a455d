import "server-only";
// Delivers the TicketEvent stream (lib/tickets/events.ts) to subscribers after commit and on a timer.
//
// - Each durable subscriber has its own EventSubscriberPosition row. It handles one event at a time,
//   in id order, inside a transaction that also moves its position, so its writes and its place
//   commit together: after a crash or restart it resumes at the first event it had not finished, and
//   nothing it wrote is written twice.
// - A subscriber that throws stays on that event (failures and lastError on its row) and is tried
//   again on the next run; the other subscribers carry on.
// - Several processes may run (a cluster, or `manage` beside the server). A lease on the position
//   row, claimed with a conditional UPDATE, lets one process at a time run each subscriber; a lease
//   left by a crashed process expires. The position move is conditional on the lease and on the
//   position it started from, so even a process that lost its lease cannot commit a second delivery.
//   A busy process keeps the lease between runs (renewed as it works) instead of claiming it per change.
// - Local subscribers (in-memory caches) keep their place in process memory: each process has its
//   own cache to refresh, and doing it twice costs nothing.
// This module knows rows, not ticket semantics: subscribers parse events with readEvent().
import crypto from "node:crypto";
import os from "node:os";
import type { Db, Tx } from "@/lib/server/prisma";

export type EventRow = { id: number; ticketId: number; type: string; actorKind: string; actorId: number | null; payload: string; createdAt: Date };

export type DurableSubscriber = {
  name: string;
  /** The event types it handles; the others only move its position (no transaction). All when absent. */
  accepts?: (type: string) => boolean;
  handle: (tx: Tx, event: EventRow) => Promise<void>;
};
/** Told, at most once per run, that events newer than any it saw exist (e.g. to drop cached counts). */
export type LocalSubscriber = { name: string; local: true; changed: (lastEventId: number) => void };
export type Subscriber = DurableSubscriber | LocalSubscriber;

export type DispatcherOptions = { owner?: string; leaseMs?: number; batch?: number; now?: () => Date };

const DEFAULT_LEASE_MS = 60_000;
const MAX_ERROR_LENGTH = 1000;

class LeaseLost extends Error {}

function errorText(error: unknown): string {
  // Only the error's kind and message: never request data or a stack (they may carry secrets).
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

export type Dispatcher = {
  readonly owner: string;
  /**
   * Runs every subscriber until it has caught up (or failed); resolves when all have. Never throws.
   * `flush` also writes skipped positions (the timer's runs). Resolves to whether some subscriber had
   * new events that another process holds the lease for: that process should be told to run now.
   */
  run: (options?: { flush?: boolean }) => Promise<{ leaseElsewhere: boolean }>;
  /** Lets go of every lease this dispatcher holds (a server shutting down); the leases also expire by themselves. */
  stop: () => Promise<void>;
  subscribers: () => readonly Subscriber[];
};

export function createDispatcher(db: Db, subscribers: readonly Subscriber[] | (() => readonly Subscriber[]), options: DispatcherOptions = {}): Dispatcher {
  const list = typeof subscribers === "function" ? subscribers : () => subscribers;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = options.batch ?? 100;
  const now = options.now ?? (() => new Date());
  const localSeen = new Map<string, number>();
  const known = new Set<string>();
  const running = new Map<string, { promise: Promise<boolean>; again: boolean; flush: boolean }>();

  async function ensureRow(name: string) {
    if (await db.eventSubscriberPosition.findUnique({ where: { name }, select: { name: true } })) return;
    // A subscriber starts at the beginning of the stream: events are written from the migration
    // that added them, so there is nothing older to replay by surprise.
    await db.eventSubscriberPosition.create({ data: { name, lastEventId: 0 } }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "P2002") throw error; // another process created it first
    });
  }

  async function claim(name: string): Promise<boolean> {
    const at = now();
    const claimed = await db.eventSubscriberPosition.updateMany({
      where: { name, OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseUntil: null }, { leaseUntil: { lt: at } }] },
      data: { leaseOwner: owner, leaseUntil: new Date(at.getTime() + leaseMs) },
    });
    return claimed.count === 1;
  }

  async function release(name: string) {
    await db.eventSubscriberPosition.updateMany({ where: { name, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
  }

  /** Until when this dispatcher holds each subscriber's lease, as far as it knows. */
  const held = new Map<string, number>();

  async function holdLease(name: string): Promise<boolean> {
    // The lease is kept between runs while this process is busy; re-claimed a little before it ends.
    if ((held.get(name) ?? 0) > now().getTime() + leaseMs / 4) return true;
    if (!(await claim(name))) return false;
    held.set(name, now().getTime() + leaseMs);
    return true;
  }

  async function giveUpLease(name: string) {
    if (held.has(name)) await flushSkips(name).catch(() => false);
    forget(name);
    await release(name).catch(() => undefined);
  }

  /**
   * Where each subscriber stands, known in memory while this dispatcher holds its lease (nobody else
   * may move it then): `persisted` is the row's lastEventId, `seen` may be further on, past events
   * the subscriber does not take. Those skips are written lazily (see flushSkips): after a crash they
   * are only looked at again and skipped again, never handled twice.
   */
  const cursors = new Map<string, { persisted: number; seen: number }>();
  const SKIPS_BEFORE_WRITE = 200;

  async function flushSkips(name: string): Promise<boolean> {
    const cursor = cursors.get(name);
    if (!cursor || cursor.seen === cursor.persisted) return true;
    const moved = await db.eventSubscriberPosition.updateMany({ where: { name, lastEventId: cursor.persisted, leaseOwner: owner }, data: { lastEventId: cursor.seen } });
    if (moved.count !== 1) return false;
    cursor.persisted = cursor.seen;
    return true;
  }

  function forget(name: string) {
    held.delete(name);
    cursors.delete(name);
  }

  /** Resolves to true when there were events to handle but another process holds the lease. */
  async function runDurable(sub: DurableSubscriber, flush: boolean): Promise<boolean> {
    if (!known.has(sub.name)) {
      await ensureRow(sub.name);
      known.add(sub.name);
    }
    for (;;) {
      const mine = (held.get(sub.name) ?? 0) > now().getTime() + leaseMs / 4 ? cursors.get(sub.name) : undefined;
      const from = mine ? mine.seen : (await db.eventSubscriberPosition.findUniqueOrThrow({ where: { name: sub.name }, select: { lastEventId: true } })).lastEventId;
      const events = await db.ticketEvent.findMany({ where: { id: { gt: from } }, orderBy: { id: "asc" }, take: batch });
      if (!events.length) {
        if (flush && mine && !(await flushSkips(sub.name))) forget(sub.name);
        return false; // most runs: one or two reads
      }
      if (!mine) {
        if (!(await holdLease(sub.name))) return true; // another process is on it
        cursors.set(sub.name, { persisted: from, seen: from });
      }
      const cursor = cursors.get(sub.name)!;
      for (const event of events) {
        if (sub.accepts && !sub.accepts(event.type)) {
          cursor.seen = event.id;
          continue;
        }
        try {
          await db.$transaction(async (tx) => {
            await sub.handle(tx, event);
            const moved = await tx.eventSubscriberPosition.updateMany({
              where: { name: sub.name, lastEventId: cursor.persisted, leaseOwner: owner },
              data: { lastEventId: event.id, failures: 0, lastError: null, leaseUntil: new Date(now().getTime() + leaseMs) },
            });
            // Another process took over (our lease ran out) and moved on: roll back; it handles this.
            if (moved.count !== 1) throw new LeaseLost();
          });
          cursor.persisted = cursor.seen = event.id;
          held.set(sub.name, now().getTime() + leaseMs);
        } catch (error) {
          if (error instanceof LeaseLost) {
            forget(sub.name);
            return false;
          }
          cursor.seen = cursor.persisted;
          await db.eventSubscriberPosition.updateMany({ where: { name: sub.name, leaseOwner: owner }, data: { failures: { increment: 1 }, lastError: `event ${event.id} (${event.type}): ${errorText(error)}` } });
          console.error(`event subscriber ${sub.name}: event ${event.id} failed; it will be retried`, errorText(error));
          // Let go, so that another process (or the next tick) tries again.
          await giveUpLease(sub.name);
          return false;
        }
      }
      if ((flush || cursor.seen - cursor.persisted >= SKIPS_BEFORE_WRITE) && !(await flushSkips(sub.name))) {
        forget(sub.name);
        return false;
      }
      // A short batch was the end of the stream; events committed since start another run.
      if (events.length < batch) return false;
    }
  }

  async function runLocal(sub: LocalSubscriber): Promise<boolean> {
    const last = await db.ticketEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    const id = last?.id ?? 0;
    const seen = localSeen.get(sub.name);
    localSeen.set(sub.name, id);
    // The first run in a process cannot know what the cache saw: refresh once to be sure.
    if (seen === undefined || id > seen) sub.changed(id);
    return false;
  }

  async function runOne(sub: Subscriber, flush: boolean): Promise<boolean> {
    try {
      return await ("local" in sub ? runLocal(sub) : runDurable(sub, flush));
    } catch (error) {
      // The database was unreachable, say: the next run (timer or next change) tries again.
      console.error(`event subscriber ${sub.name}: run failed`, errorText(error));
      return false;
    }
  }

  /** One run per subscriber at a time in this process; a call during a run asks for one more pass, and waits for it. */
  function kick(sub: Subscriber, flush: boolean): Promise<boolean> {
    const current = running.get(sub.name);
    if (current) {
      current.again = true;
      current.flush ||= flush;
      return current.promise;
    }
    const state = { promise: Promise.resolve(false), again: false, flush };
    state.promise = (async () => {
      let elsewhere = false;
      do {
        state.again = false;
        const flushNow = state.flush;
        state.flush = false;
        elsewhere = await runOne(sub, flushNow);
      } while (state.again);
      return elsewhere;
    })().finally(() => running.delete(sub.name));
    running.set(sub.name, state);
    return state.promise;
  }

  return {
    owner,
    run: async (options = {}) => ({ leaseElsewhere: (await Promise.all(list().map((sub) => kick(sub, options.flush ?? false)))).some(Boolean) }),
    subscribers: list,
    stop: async () => void (await Promise.all([...held.keys()].map(giveUpLease))),
  };
}
