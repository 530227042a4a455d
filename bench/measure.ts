// The timed scenarios: what the agent's queue page and the ticket workspace ask of the database,
// for an admin and for an agent, each run many times after a warm-up.
import type { StaffActor } from "@/lib/auth/actor";
import { ticketScope } from "@/lib/auth/policy";
import type { Db } from "@/lib/server/prisma";
import { cachedCount, queueCountsChanged, scopeKey } from "@/lib/tickets/count-cache";
import { departmentOpenCounts, queueCounts } from "@/lib/tickets/queue-counts";
import { queuePage } from "@/lib/tickets/queue-query";
import type { QueueParams } from "@/lib/tickets/schemas";
import { ticketWorkspace } from "@/lib/tickets/workspace-query";
import type { Random } from "./random";

export const DEEP_PAGE = 21;

export type Scenario = { name: string; actor: "admin" | "agent"; run: () => Promise<unknown> };
export type Stats = { median: number; p99: number; mean: number; min: number; max: number; pagesPerSecond: number; samples: number };
export type Result = { name: string; actor: "admin" | "agent" } & Stats;

/**
 * Everything the queue page awaits, together, as the server component does. The counts come from
 * the per-process count cache (lib/tickets/count-cache.ts), as on the server: most page views find
 * them there. `fresh` drops the cache first: the first view, or the first after any change.
 */
export function queuePageLoad(db: Db, actor: StaffActor, p: QueueParams, fresh = false) {
  if (fresh) queueCountsChanged();
  const key = scopeKey(actor);
  return Promise.all([queuePage(db, actor, p), cachedCount(`queues:${key}`, () => queueCounts(db, actor)), cachedCount(`departments:${key}`, () => departmentOpenCounts(db, actor))]);
}

/** The cursor that opens page `page` of a queue (following `next` from the first page). */
async function cursorTo(db: Db, actor: StaffActor, p: QueueParams, page: number): Promise<{ after?: string; page: number }> {
  let after: string | undefined;
  for (let i = 1; i < page; i++) {
    const result = await queuePage(db, actor, { ...p, after });
    if (!result.next) return { after, page: i };
    after = result.next;
  }
  return { after, page };
}

/** Ticket numbers the actor can open, drawn at random over the whole history. */
async function visibleNumbers(db: Db, actor: StaffActor, r: Random, tickets: number, count: number): Promise<string[]> {
  const numbers: string[] = [];
  // Small batches: Prisma splits or refuses long IN lists on SQLite (bound-parameter limit).
  for (let tries = 0; numbers.length < count && tries < 100; tries++) {
    const ids = Array.from({ length: 200 }, () => 1 + r.int(tickets));
    const rows = await db.ticket.findMany({ where: { id: { in: ids }, ...ticketScope(actor) }, select: { number: true } });
    numbers.push(...rows.map((t) => t.number));
  }
  if (!numbers.length) throw new Error(`no ticket visible to ${actor.name}`);
  return numbers.slice(0, count);
}

export async function scenarios(db: Db, actors: { admin: StaffActor; agent: StaffActor }, r: Random, tickets: number): Promise<Scenario[]> {
  const list: Scenario[] = [];
  for (const who of ["admin", "agent"] as const) {
    const actor = actors[who];
    for (const sort of ["updated", "priority", "due"] as const) {
      const p: QueueParams = { queue: "open", sort };
      list.push({ name: `queue page · ${sort} · page 1`, actor: who, run: () => queuePageLoad(db, actor, p) });
      if (sort === "updated") list.push({ name: `queue page · ${sort} · page 1 · counts recomputed`, actor: who, run: () => queuePageLoad(db, actor, p, true) });
      const deep = await cursorTo(db, actor, p, DEEP_PAGE);
      list.push({ name: `queue page · ${sort} · page ${deep.page}`, actor: who, run: () => queuePageLoad(db, actor, { ...p, after: deep.after }) });
    }
    const p: QueueParams = { queue: "open", sort: "updated" };
    list.push({ name: "  part: queuePage (rows only)", actor: who, run: () => queuePage(db, actor, p) });
    list.push({ name: "  part: queueCounts (5 tabs)", actor: who, run: () => queueCounts(db, actor) });
    list.push({ name: "  part: departmentOpenCounts", actor: who, run: () => departmentOpenCounts(db, actor) });
    const numbers = await visibleNumbers(db, actor, r, tickets, 500);
    let i = 0;
    list.push({
      name: "ticket workspace",
      actor: who,
      run: async () => {
        const ws = await ticketWorkspace(db, actor, numbers[i++ % numbers.length]);
        if (!ws) throw new Error("a visible ticket was not found");
        return ws;
      },
    });
  }
  return list;
}

export async function measure(s: Scenario, iterations: number, warmup: number): Promise<Result> {
  for (let i = 0; i < warmup; i++) await s.run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await s.run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { name: s.name, actor: s.actor, ...stats(samples) };
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentiles: p99 of 200 samples is the 198th fastest.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { median: rank(50), p99: rank(99), mean, min: sorted[0], max: sorted[sorted.length - 1], pagesPerSecond: 1000 / mean, samples: sorted.length };
}
