// Fills a fresh database: organisation through Prisma, then requesters, tickets, thread entries,
// history and watchers through the bulk writer, with the big tables' indexes built at the end.
import type { Db } from "@/lib/server/prisma";
import { bulkWriter } from "./bulk";
import type { BenchDatabase } from "./database";
import { createOrg } from "./org";
import { random } from "./random";
import { ENTRY, HISTORY, REQUESTER, requesterRows, TICKET, ticketBatches, WATCHER } from "./tickets-data";

export type FillResult = {
  adminId: number;
  /** The agent the benchmark signs in as (see org.ts). */
  benchAgentId: number;
  counts: { tickets: number; openTickets: number; requesters: number; entries: number; historyEvents: number; watchers: number; agents: number; departments: number; teams: number };
  /** Null when an existing database was reused. */
  seconds: { load: number; indexes: number; total: number } | null;
};

const BATCH = 10_000;

export async function fill(db: Db, bench: BenchDatabase, opts: { tickets: number; seed: number; analyze: boolean }): Promise<FillResult> {
  const started = performance.now();
  const r = random(opts.seed);
  const now = Date.now();
  const org = await createOrg(db, r);
  const writer = await bulkWriter(bench);
  try {
    const indexes = await writer.dropIndexes([REQUESTER.table, TICKET.table, ENTRY.table, HISTORY.table, WATCHER.table]);
    const requesters = requesterRows(r, Math.max(1, Math.round(opts.tickets / 5)), now);
    await writer.begin();
    await writer.insert(REQUESTER, requesters.rows);
    await writer.commit();
    const counts = { tickets: 0, openTickets: 0, requesters: requesters.rows.length, entries: 0, historyEvents: 0, watchers: 0, agents: org.agents.length, departments: org.departments.length, teams: org.teams.length };
    let reported = 0;
    for (const b of ticketBatches(org, r, { tickets: opts.tickets, requesterNames: requesters.names, now, batchSize: BATCH })) {
      await writer.begin();
      await writer.insert(TICKET, b.tickets);
      await writer.insert(ENTRY, b.entries);
      await writer.insert(HISTORY, b.history);
      await writer.insert(WATCHER, b.watchers);
      await writer.commit();
      counts.tickets += b.tickets.length;
      counts.openTickets += b.open;
      counts.entries += b.entries.length;
      counts.historyEvents += b.history.length;
      counts.watchers += b.watchers.length;
      if (counts.tickets - reported >= opts.tickets / 10 || counts.tickets === opts.tickets) {
        reported = counts.tickets;
        console.log(`  ${counts.tickets.toLocaleString("en")} tickets loaded (${seconds(started)} s)`);
      }
    }
    const loaded = performance.now();
    await writer.finish(indexes, { analyze: bench.kind === "postgresql" || opts.analyze, explicitIdTables: [REQUESTER.table, TICKET.table] });
    console.log(`  indexes built${bench.kind === "postgresql" ? ", VACUUM ANALYZE done" : opts.analyze ? ", ANALYZE done" : ""} (${seconds(loaded)} s)`);
    return { adminId: org.adminId, benchAgentId: org.benchAgentId, counts, seconds: { load: (loaded - started) / 1000, indexes: (performance.now() - loaded) / 1000, total: (performance.now() - started) / 1000 } };
  } finally {
    await writer.close();
  }
}

/** What a database filled by an earlier run holds (--reuse). */
export async function describeExisting(db: Db): Promise<FillResult> {
  const [tickets, openTickets, requesters, entries, historyEvents, watchers, agents, departments, teams] = await Promise.all([
    db.ticket.count(),
    db.ticket.count({ where: { isOpen: true } }),
    db.requester.count(),
    db.threadEntry.count(),
    db.historyEvent.count(),
    db.ticketWatcher.count(),
    db.staff.count({ where: { kind: "AGENT" } }),
    db.department.count(),
    db.team.count(),
  ]);
  const admin = await db.staff.findUniqueOrThrow({ where: { username: "admin" } });
  const agent = await db.staff.findUniqueOrThrow({ where: { username: "agent0" } });
  return { adminId: admin.id, benchAgentId: agent.id, counts: { tickets, openTickets, requesters, entries, historyEvents, watchers, agents, departments, teams }, seconds: null };
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
