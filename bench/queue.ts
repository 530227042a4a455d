// `npm run bench`: fills a fresh SQLite and/or PostgreSQL database with realistic tickets and times
// the agent's queue page and the ticket workspace. See bench/README.md for what the figures mean.
import os from "node:os";
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { Db } from "@/lib/server/prisma";
import { createBenchClient, createBenchDatabase, existingBenchDatabase, type BenchDatabase, type BenchKind, type QueryEvent } from "./database";
import { explainScenario, formatExplained, planner } from "./explain";
import { describeExisting, fill, type FillResult } from "./fill";
import { measure, scenarios, type Result } from "./measure";
import { parseOptions, type BenchOptions } from "./options";
import { random } from "./random";
import { formatReport, gitCommit, machine, megabytes, writeReport, type Report } from "./report";

async function actor(db: Db, id: number): Promise<StaffActor> {
  const a = await loadActor(db, id);
  if (!a) throw new Error(`staff ${id} missing`);
  return a;
}

/** Which scenarios --explain walks through: the page loads and the workspace, not the parts. */
const EXPLAINED = /^(queue page · (updated|priority)|ticket workspace)/;

async function explainAll(bench: BenchDatabase, o: BenchOptions, filled: FillResult): Promise<string> {
  const recorder: { events: QueryEvent[] | null } = { events: null };
  const db = createBenchClient(bench, (e) => recorder.events?.push(e));
  const p = await planner(bench);
  const short: string[] = [];
  const full: string[] = [];
  try {
    const actors = { admin: await actor(db, filled.adminId), agent: await actor(db, filled.benchAgentId) };
    for (const s of await scenarios(db, actors, random(o.seed + 1), filled.counts.tickets)) {
      if (!EXPLAINED.test(s.name)) continue;
      const r = await explainScenario(s, recorder, p);
      short.push(formatExplained(`${s.actor} · ${s.name}`, r, false));
      full.push(formatExplained(`${s.actor} · ${s.name}`, r, true));
    }
  } finally {
    await p.close();
    await db.$disconnect();
  }
  console.log(`\nQuery plans (four slowest statements per scenario; all of them in the -explain.txt file)\n${short.join("\n")}`);
  return full.join("\n\n");
}

async function runOne(kind: BenchKind, o: BenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  console.log(o.reuse ? `\n━━ ${kind}: reusing ${o.reuse}` : `\n━━ ${kind}: creating and migrating a fresh database`);
  const bench = o.reuse ? existingBenchDatabase(o.reuse) : await createBenchDatabase(kind);
  const db = createBenchClient(bench);
  try {
    console.log(`  ${bench.location}`);
    const filled = o.reuse ? await describeExisting(db) : await fill(db, bench, o);
    const sizeBytes = await bench.sizeBytes();
    console.log(`  ${filled.counts.tickets.toLocaleString("en")} tickets${filled.seconds ? ` in ${filled.seconds.total.toFixed(1)} s` : ""}; database ${megabytes(sizeBytes)}`);
    const actors = { admin: await actor(db, filled.adminId), agent: await actor(db, filled.benchAgentId) };
    const loadBefore = os.loadavg()[0];
    const results: Result[] = [];
    for (const s of await scenarios(db, actors, random(o.seed + 1), filled.counts.tickets)) {
      const r = await measure(s, o.iterations, o.warmup);
      results.push(r);
      console.log(`  ${s.actor} · ${s.name.trim()}: median ${r.median.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
    }
    const report: Report = {
      database: kind,
      startedAt,
      machine: machine(),
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
      commit: gitCommit(),
      options: { tickets: filled.counts.tickets, reused: Boolean(o.reuse), iterations: o.iterations, warmup: o.warmup, seed: o.seed, analyze: kind === "postgresql" || o.analyze },
      counts: filled.counts,
      fillSeconds: filled.seconds,
      sizeBytes,
      results,
    };
    console.log(`\n${formatReport(report)}`);
    const explain = o.explain ? await explainAll(bench, o, filled) : undefined;
    console.log(`\nresults: ${writeReport(report, explain === undefined ? undefined : { explain })}`);
  } finally {
    await db.$disconnect();
    if (o.keep || o.reuse) console.log(`kept: DATABASE_URL=${bench.url}`);
    else await bench.drop();
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const { cpus, cpuModel, node } = machine();
  console.log(`helpdesk queue benchmark: ${o.tickets.toLocaleString("en")} tickets on ${o.databases.join(" and ")}; ${cpus} × ${cpuModel}, Node ${node}`);
  for (const kind of o.databases) await runOne(kind, o);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
