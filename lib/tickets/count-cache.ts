// Queue counts change only when tickets do, yet every page an agent opens shows them. They are kept
// per actor for a few seconds in this process. Any ticket event drops them all (queueCountSubscriber):
// a change made in this process at once, after its commit; one made elsewhere (mail polled by
// another process, a second server) at the event dispatcher's next tick, or within the time to live.
import type { StaffActor } from "@/lib/auth/actor";
import type { LocalSubscriber } from "@/lib/events/dispatcher";
import { onActionSucceeded } from "@/lib/server/action-listeners";

export const COUNT_TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

type Entry = { expires: number; value: Promise<unknown> };
const entries = new Map<string, Entry>();

/** What decides an actor's counts: who they are and what they may see. */
export function scopeKey(actor: StaffActor): string {
  if (actor.isAdmin) return `admin:${actor.id}`;
  return `${actor.id}:${[...actor.departments.keys()].sort((a, b) => a - b).join(",")}:${[...actor.teamIds].sort((a, b) => a - b).join(",")}`;
}

export function cachedCount<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const value = compute();
  entries.set(key, { expires: now + COUNT_TTL_MS, value });
  // A failed count is not remembered: the next page asks again.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Tickets may have changed: forget every count. */
export function queueCountsChanged(): void {
  entries.clear();
}

// Configuration changes (a department opened or archived, someone's access) change counts without a
// ticket event: any action that succeeds in this process drops them as well.
onActionSucceeded(queueCountsChanged);

/** Any ticket event, from this process or another (mail, the API, a second server), drops the counts. */
export const queueCountSubscriber: LocalSubscriber = { name: "queue-counts", local: true, changed: () => queueCountsChanged() };
