// --explain: runs a scenario once through a client that logs its SQL, then asks the database how
// it runs each statement (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL).
import Database from "better-sqlite3";
import pg from "pg";
import { postgresConfig } from "@/lib/server/database-url";
import type { BenchDatabase, QueryEvent } from "./database";
import type { Scenario } from "./measure";

export type ExplainedStatement = { ms: number; sql: string; params: unknown[]; plan: string[] };

/** Prisma logs dates as ISO strings with Z; the SQLite adapter binds them as +00:00 and booleans as 0/1. */
function sqliteParam(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) return v.replace("Z", "+00:00");
  return v;
}

export type Planner = { plan: (sql: string, params: unknown[]) => Promise<string[]>; close: () => Promise<void> };

export async function planner(bench: BenchDatabase): Promise<Planner> {
  if (bench.kind === "sqlite") {
    const db = new Database(bench.location, { readonly: true });
    return {
      plan: async (sql, params) => {
        const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params.map(sqliteParam)) as { id: number; parent: number; detail: string }[];
        const depth = new Map<number, number>([[0, 0]]);
        return rows.map((row) => {
          const d = (depth.get(row.parent) ?? 0) + 1;
          depth.set(row.id, d);
          return `${"  ".repeat(d - 1)}${row.detail}`;
        });
      },
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client(postgresConfig(bench.url));
  await client.connect();
  return {
    plan: async (sql, params) => (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).rows.map((row) => row["QUERY PLAN"]),
    close: () => client.end(),
  };
}

/** Runs the scenario once (after one warm-up run) and explains every statement it sent, slowest first. */
export async function explainScenario(s: Scenario, recorder: { events: QueryEvent[] | null }, p: Planner): Promise<{ totalMs: number; statements: ExplainedStatement[] }> {
  await s.run();
  recorder.events = [];
  const t = performance.now();
  await s.run();
  const totalMs = performance.now() - t;
  const events = recorder.events;
  recorder.events = null;
  const statements: ExplainedStatement[] = [];
  for (const e of events) {
    if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(e.query)) continue;
    const params = JSON.parse(e.params) as unknown[];
    statements.push({ ms: e.duration, sql: e.query, params, plan: await p.plan(e.query, params) });
  }
  statements.sort((a, b) => b.ms - a.ms);
  return { totalMs, statements };
}

/** Table and index names are enough to recognise a statement; the full SQL goes to the file. */
export function shortSql(sql: string): string {
  return sql.replace(/[`"]main[`"]\.|"public"\./g, "").replace(/\s+/g, " ").slice(0, 160);
}

export function formatExplained(title: string, r: { totalMs: number; statements: ExplainedStatement[] }, full: boolean): string {
  const lines = [`── ${title}: ${r.statements.length} statements, ${r.totalMs.toFixed(2)} ms wall`];
  for (const s of full ? r.statements : r.statements.slice(0, 5)) {
    lines.push(`  ${s.ms.toFixed(2).padStart(7)} ms  ${full ? s.sql : shortSql(s.sql)}`);
    if (full) lines.push(`             params ${JSON.stringify(s.params)}`);
    for (const line of s.plan) lines.push(`             ${line}`);
  }
  return lines.join("\n");
}
