// `npm run bench`: fills a fresh SQLite and/or PostgreSQL database with realistic tickets and times
// the agent's queue page and the ticket workspace. See bench/README.md for what the figures mean.
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { Db } from "@/lib/server/prisma";
import { createBenchClient, createBenchDatabase, type BenchDatabase, type BenchKind, type QueryEvent } from "./database";
import { explainScenario, formatExplained, planner } from "./explain";
import { fill } from "./fill";
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
const EXPLAINED = /^(queue page · updated|ticket workspace)/;

async function explainAll(bench: BenchDatabase, o: BenchOptions, ids: { admin: number; agent: number }): Promise<string> {
  const recorder: { events: QueryEvent[] | null } = { events: null };
  const db = createBenchClient(bench, (e) => recorder.events?.push(e));
  const p = await planner(bench);
  const short: string[] = [];
  const full: string[] = [];
  try {
    const actors = { admin: await actor(db, ids.admin), agent: await actor(db, ids.agent) };
    for (const s of await scenarios(db, actors, random(o.seed + 1), o.tickets)) {
      if (!EXPLAINED.test(s.name)) continue;
      const r = await explainScenario(s, recorder, p);
      short.push(formatExplained(`${s.actor} · ${s.name}`, r, false));
      full.push(formatExplained(`${s.actor} · ${s.name}`, r, true));
    }
  } finally {
    await p.close();
    await db.$disconnect();
  }
  console.log(`\nQuery plans (five slowest statements per scenario; all of them in the -explain.txt file)\n${short.join("\n")}`);
  return full.join("\n\n");
}

async function runOne(kind: BenchKind, o: BenchOptions): Promise<void> {
  const startedAt = new Date().toISOString();
  console.log(`\n━━ ${kind}: creating and migrating a fresh database`);
  const bench = await createBenchDatabase(kind);
  const db = createBenchClient(bench);
  try {
    console.log(`  ${bench.location}`);
    const filled = await fill(db, bench, o);
    const sizeBytes = await bench.sizeBytes();
    console.log(`  ${filled.counts.tickets.toLocaleString("en")} tickets in ${filled.seconds.total.toFixed(1)} s; database ${megabytes(sizeBytes)}`);
    const actors = { admin: await actor(db, filled.org.adminId), agent: await actor(db, filled.org.benchAgentId) };
    const results: Result[] = [];
    for (const s of await scenarios(db, actors, random(o.seed + 1), o.tickets)) {
      const r = await measure(s, o.iterations, o.warmup);
      results.push(r);
      console.log(`  ${s.actor} · ${s.name.trim()}: median ${r.median.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
    }
    const report: Report = {
      database: kind,
      startedAt,
      machine: machine(),
      commit: gitCommit(),
      options: { tickets: o.tickets, iterations: o.iterations, warmup: o.warmup, seed: o.seed, analyze: kind === "postgresql" || o.analyze },
      counts: filled.counts,
      fillSeconds: filled.seconds,
      sizeBytes,
      results,
    };
    console.log(`\n${formatReport(report)}`);
    const explain = o.explain ? await explainAll(bench, o, { admin: filled.org.adminId, agent: filled.org.benchAgentId }) : undefined;
    console.log(`\nresults: ${writeReport(report, explain === undefined ? undefined : { explain })}`);
  } finally {
    await db.$disconnect();
    if (o.keep) console.log(`kept: DATABASE_URL=${bench.url}`);
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
