// --explain: runs a scenario once through a client that logs its SQL, times every statement again
// on its own through the raw driver (Prisma's logged durations include the wait behind the other
// statements of a Promise.all), and asks the database how it runs each one (EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN ANALYZE on PostgreSQL).
import Database from "better-sqlite3";
import pg from "pg";
import { postgresConfig } from "@/lib/server/database-url";
import type { BenchDatabase, QueryEvent } from "./database";
import type { Scenario } from "./measure";

export type ExplainedStatement = { ms: number; sql: string; params: unknown[]; plan: string[] };
export type Explained = { wallMs: number; dbMs: number; statements: ExplainedStatement[] };

/** Prisma logs dates as ISO strings with Z; the SQLite adapter binds them as +00:00 and booleans as 0/1. */
function sqliteParam(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) return v.replace("Z", "+00:00");
  return v;
}

export type Planner = {
  run: (sql: string, params: unknown[]) => Promise<unknown>;
  plan: (sql: string, params: unknown[]) => Promise<string[]>;
  close: () => Promise<void>;
};

export async function planner(bench: BenchDatabase): Promise<Planner> {
  if (bench.kind === "sqlite") {
    const db = new Database(bench.location, { readonly: true });
    return {
      run: async (sql, params) => db.prepare(sql).raw().all(...params.map(sqliteParam)),
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
    run: (sql, params) => client.query(sql, params),
    plan: async (sql, params) => (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).rows.map((row) => row["QUERY PLAN"]),
    close: () => client.end(),
  };
}

const ROUNDS = 9;

/** Runs the scenario once (after a warm-up run), then times and explains every statement it sent, slowest first. */
export async function explainScenario(s: Scenario, recorder: { events: QueryEvent[] | null }, p: Planner): Promise<Explained> {
  await s.run();
  recorder.events = [];
  const t = performance.now();
  await s.run();
  const wallMs = performance.now() - t;
  const events = recorder.events.filter((e) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(e.query));
  recorder.events = null;
  const statements = events.map((e) => ({ sql: e.query, params: JSON.parse(e.params) as unknown[], times: [] as number[] }));
  // Rounds over the whole list, so each statement meets the cache as the page leaves it.
  for (let round = 0; round < ROUNDS; round++) {
    for (const st of statements) {
      const start = performance.now();
      await p.run(st.sql, st.params);
      st.times.push(performance.now() - start);
    }
  }
  const explained: ExplainedStatement[] = [];
  for (const st of statements) {
    const sorted = st.times.slice(1).sort((a, b) => a - b);
    explained.push({ ms: sorted[sorted.length >> 1], sql: st.sql, params: st.params, plan: await p.plan(st.sql, st.params) });
  }
  explained.sort((a, b) => b.ms - a.ms);
  return { wallMs, dbMs: explained.reduce((sum, e) => sum + e.ms, 0), statements: explained };
}

/** Enough of a statement to recognise it; the full SQL goes to the file. */
export function shortSql(sql: string): string {
  return sql
    .replace(/[`"]main[`"]\.|"public"\./g, "")
    .replace(/SELECT ([`"]?\w+[`"]?\.[`"]?\w+[`"]?(?: AS [`"]?[\w$]+[`"]?)?, )+/, "SELECT …, ")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}

export function formatExplained(title: string, r: Explained, full: boolean): string {
  const lines = [`── ${title}: ${r.statements.length} statements; ${r.dbMs.toFixed(2)} ms in the database when run one by one, ${r.wallMs.toFixed(2)} ms for the whole call through Prisma`];
  for (const s of full ? r.statements : r.statements.slice(0, 4)) {
    lines.push(`  ${s.ms.toFixed(2).padStart(7)} ms  ${full ? s.sql : shortSql(s.sql)}`);
    if (full) lines.push(`             params ${JSON.stringify(s.params)}`);
    for (const line of full ? s.plan : s.plan.filter((l) => !/^\s*(Buffers|Planning|Heap Fetches)/.test(l))) lines.push(`             ${line}`);
  }
  return lines.join("\n");
}
