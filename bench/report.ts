// The printed table and the JSON file of one database's run.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchKind } from "./database";
import type { FillResult } from "./fill";
import type { Result } from "./measure";

export type Report = {
  database: BenchKind;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  /** 1-minute load average before and after the timed runs: other work on the machine slows every figure. */
  loadAverage: { before: number; after: number };
  commit: string | null;
  options: { tickets: number; reused: boolean; iterations: number; warmup: number; seed: number; analyze: boolean };
  counts: FillResult["counts"];
  fillSeconds: FillResult["seconds"];
  sizeBytes: number;
  results: Result[];
};

export function machine(): Report["machine"] {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

export function gitCommit(): string | null {
  try {
    return execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return null;
  }
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
export const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export function formatReport(r: Report): string {
  const c = r.counts;
  const label = r.database === "sqlite" ? "SQLite" : "PostgreSQL";
  const head = [
    `${label} · ${c.tickets.toLocaleString("en")} tickets (${c.openTickets.toLocaleString("en")} open) · ${megabytes(r.sizeBytes)} · ${r.fillSeconds ? `filled in ${fmt(r.fillSeconds.total, 1)} s (load ${fmt(r.fillSeconds.load, 1)} s, indexes ${fmt(r.fillSeconds.indexes, 1)} s)` : "reused database"}`,
    `${c.requesters.toLocaleString("en")} requesters, ${c.entries.toLocaleString("en")} thread entries, ${c.historyEvents.toLocaleString("en")} history events, ${c.watchers.toLocaleString("en")} watchers; ${c.agents} agents, ${c.departments} departments, ${c.teams} teams`,
    `${r.options.iterations} timed runs per line after ${r.options.warmup} warm-up runs; times in ms; pages/s = 1000 / mean, one client`,
    `load average ${fmt(r.loadAverage.before)} before, ${fmt(r.loadAverage.after)} after the timed runs on ${r.machine.cpus} CPUs${Math.max(r.loadAverage.before, r.loadAverage.after) > r.machine.cpus / 2 ? " (busy machine: figures are slower and noisier than on an idle one)" : ""}`,
  ];
  const width = Math.max(...r.results.map((x) => x.name.length)) + 10;
  const rows = [`${"scenario".padEnd(width)}${"median".padStart(9)}${"p99".padStart(9)}${"mean".padStart(9)}${"pages/s".padStart(9)}`];
  let actor = "";
  for (const x of r.results) {
    if (x.actor !== actor) rows.push(`${x.actor === "admin" ? "admin (all departments)" : "agent (Support + Billing, team Tier 2)"}`);
    actor = x.actor;
    rows.push(`  ${x.name.padEnd(width - 2)}${fmt(x.median).padStart(9)}${fmt(x.p99).padStart(9)}${fmt(x.mean).padStart(9)}${fmt(x.pagesPerSecond, 0).padStart(9)}`);
  }
  return [...head, "", ...rows].join("\n");
}

export function writeReport(r: Report, extra?: { explain: string }): string {
  const dir = path.resolve(import.meta.dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const stamp = r.startedAt.replace(/[:.]/g, "-");
  const file = path.join(dir, `${r.database}-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  if (extra) fs.writeFileSync(path.join(dir, `${r.database}-${stamp}-explain.txt`), extra.explain);
  return file;
}
