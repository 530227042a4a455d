// Queue counts change only when tickets do, yet every page an agent opens shows them. They are kept
// per actor for a few seconds in each server process. Any action that succeeds drops them all, in
// this process and (through the cluster primary) in the other worker processes of this server, so
// agents see their own changes and their colleagues' at once whichever process serves the next
// page; changes from elsewhere (mail, the API, another machine) show within the time to live.
import type { StaffActor } from "@/lib/auth/actor";
import { onNoteFromOtherProcesses, tellOtherProcesses } from "@/lib/server/cluster-notes";

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

const NOTE = "queue-counts-changed";
onNoteFromOtherProcesses(NOTE, () => entries.clear());

/** Tickets may have changed: forget every count, here and in the server's other processes. */
export function queueCountsChanged(): void {
  entries.clear();
  tellOtherProcesses(NOTE);
}
