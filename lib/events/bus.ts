import "server-only";
// The process's event bus: the subscribers registered at start (lib/events/subscribers.ts) and one
// dispatcher per database. Not one per client: a server process has a client per Next bundle, and
// dispatchers of one process share its lease owner, so each trusted its own cursor; when one had
// moved a subscriber on, the other's next run lost the lease and left the change's events to the
// timer (a bell that stayed empty for up to 5 s after an assignment, in the browser tests).
// The mutation calls afterCommit() once its transaction commits; the timer catches whatever a run
// could not finish (a failing subscriber, another process's lease, a change made by a process
// without subscribers, such as a cron job).
// On PostgreSQL the server (startEventDispatcher) answers a change without waiting for the
// subscribers: a run ends only when no change arrived during it, so under steady writes a waiting
// request waited for everyone's events (bench:load: 3.8 s median and 15 s p99 of a submission spent
// there; bench/README.md). On SQLite, where a run is microseconds of database work, waiting measured
// better (bench:load: 29–40 requests per second waiting, 15–33 not). One-shot processes (the
// operator CLI, tests) always wait, so what they did has been delivered when the step returns.
// Kept on globalThis: Next may load this module more than once (instrumentation and app bundles).
import crypto from "node:crypto";
import os from "node:os";
import { onNoteFromOtherProcesses, tellOtherProcesses } from "@/lib/server/cluster-notes";
import { databaseKeyOf, type Db } from "@/lib/server/prisma";
import { createDispatcher, type Dispatcher, type Subscriber } from "./dispatcher";

type Bus = { subscribers: Subscriber[]; dispatchers: WeakMap<Db, Dispatcher>; byDatabase?: Map<string, Dispatcher>; timer: NodeJS.Timeout | null; owner: string; background?: boolean };

const KEY = Symbol.for("helpdesk.event-bus");
const bus: Bus = ((globalThis as Record<symbol, Bus | undefined>)[KEY] ??= {
  subscribers: [],
  dispatchers: new WeakMap(),
  timer: null,
  // One lease owner per process: in production the server's bundles may each hold their own database
  // client (and so their own dispatcher), and they must not wait for each other's leases.
  owner: `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`,
});

/** Adds a subscriber to this process (a second registration under the same name replaces the first). Returns a function that removes it. */
export function registerSubscriber(subscriber: Subscriber): () => void {
  const at = bus.subscribers.findIndex((s) => s.name === subscriber.name);
  if (at >= 0) bus.subscribers[at] = subscriber;
  else bus.subscribers.push(subscriber);
  return () => {
    const now = bus.subscribers.indexOf(subscriber);
    if (now >= 0) bus.subscribers.splice(now, 1);
  };
}

export function eventDispatcher(db: Db): Dispatcher {
  const key = databaseKeyOf(db);
  const byDatabase = (bus.byDatabase ??= new Map());
  let dispatcher = (key && byDatabase.get(key)) || bus.dispatchers.get(db);
  if (!dispatcher) {
    dispatcher = createDispatcher(db, () => bus.subscribers, { owner: bus.owner });
    if (key) byDatabase.set(key, dispatcher);
  }
  bus.dispatchers.set(db, dispatcher);
  return dispatcher;
}

const EVENTS_NOTE = "ticket-events";

/**
 * After a transaction that wrote events committed: subscribers handle them now. Never throws.
 * When another server process holds a subscriber's lease, that process is told to run at once
 * (through the cluster primary) instead of finding the events on its next tick seconds later.
 * Only a commit tells: runs started by a note or the timer never do, so a lease left by a dead
 * process cannot set the processes telling each other in a loop.
 */
export async function afterCommit(db: Db): Promise<void> {
  if (!bus.subscribers.length) return;
  const delivered = deliver(db);
  // The events are committed and the dispatcher's position and lease make a run safe to lose
  // (a restart, another process or the timer delivers them): nothing here is worth a response's time.
  if (!bus.background) return delivered;
  // Nobody awaits it: a rejection would otherwise end the process (Node's default for unhandled ones).
  delivered.catch((error: unknown) => console.error("event delivery after commit failed", error instanceof Error ? error.message : String(error)));
}

async function deliver(db: Db): Promise<void> {
  const { leaseElsewhere } = await eventDispatcher(db).run();
  if (leaseElsewhere) tellOtherProcesses(EVENTS_NOTE);
}

export const EVENT_POLL_MS = 5_000;

export type EventDispatcherOptions = {
  intervalMs?: number;
  /** afterCommit() hands the events to the dispatcher without waiting for the subscribers (see above). */
  background?: boolean;
};

/** Runs the dispatcher every few seconds in this process (the server starts it in instrumentation.ts). */
export function startEventDispatcher(db: Db, { intervalMs = EVENT_POLL_MS, background = false }: EventDispatcherOptions = {}): () => void {
  if (bus.timer) clearInterval(bus.timer);
  bus.background = background;
  const dispatcher = eventDispatcher(db);
  bus.timer = setInterval(() => void dispatcher.run({ flush: true }), intervalMs);
  bus.timer.unref();
  void dispatcher.run({ flush: true });
  const stopListening = onNoteFromOtherProcesses(EVENTS_NOTE, () => void dispatcher.run());
  return () => {
    if (bus.timer) clearInterval(bus.timer);
    bus.timer = null;
    bus.background = false;
    stopListening();
  };
}
