// `npm test`: the whole suite, on a machine that may never have run it. First the system
// prerequisites (scripts/test-prerequisites.cjs: found, installed or started, or the run stops with
// the command to run), then the suites, several at once (scripts/test-scheduler.mjs): lint; unit and
// integration tests on SQLite and PostgreSQL; the production build; then types and the browser tests,
// one Playwright run per database on ports and data folders of its own. Ends with a summary.
//
// TEST_DATABASES=sqlite    the embedded database only (no PostgreSQL needed)
// TEST_SUITES=unit,lint    only these suites (and what they need: browser needs build)
// TEST_WITHOUT=dovecot     leave a tool out; the tests that need it are skipped, listed as asked for
// TEST_INSTALL=0           never install or start anything; stop with the command instead
// TEST_JOBS=N              how many suites run at once (default 3)
// E2E_PORT=N               the browser suites' port blocks: N…N+9 and N+10…N+19 (default: free blocks)
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { generateClients } from "./prisma.mjs";
import { root } from "./runtime-env.mjs";
import { describeResults, ensurePrerequisites, suitesLeftOut, DEFAULT_POSTGRES_URL } from "./test-prerequisites.cjs";
import { memoryTempDir } from "./test-scratch.cjs";
import { describeExit, leftOutSuites, runSuites, stopAll } from "./test-scheduler.mjs";
import { formatSummary, readPlaywrightReport, readVitestReport } from "./test-summary.mjs";

const startedAt = Date.now();
const DATABASES = ["sqlite", "postgresql"];
const resultsDir = path.join(root, "test-results");
const reportsDir = path.join(resultsDir, "reports");
const logDir = path.join(resultsDir, "logs");
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);

function fail(message) {
  console.log(`\n${message}\n`);
  console.log("0 passed, 1 failed, 0 skipped");
  process.exit(1);
}

function listSetting(name, fallback) {
  return (process.env[name] ?? fallback).split(/[\s,]+/).filter(Boolean);
}

const databases = listSetting("TEST_DATABASES", DATABASES.join(","));
if (!databases.length || databases.some((d) => !DATABASES.includes(d))) fail(`TEST_DATABASES must list ${DATABASES.join(" and/or ")} (got "${process.env.TEST_DATABASES}").`);
const jobs = Number(process.env.TEST_JOBS ?? 3);
if (!Number.isInteger(jobs) || jobs < 1) fail(`TEST_JOBS must be a whole number of at least 1 (got "${process.env.TEST_JOBS}").`);

/** Each browser suite owns a block of ports: its server on the first, the rest for servers its specs start. */
const PORT_BLOCK = 10;

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first port of `count` free blocks of PORT_BLOCK ports, drawn at random from the unprivileged range. */
async function freePortBlocks(count) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 2000) * PORT_BLOCK * count;
    const all = Array.from({ length: PORT_BLOCK * count }, (_, i) => base + i);
    if ((await Promise.all(all.map(portIsFree))).every(Boolean)) return Array.from({ length: count }, (_, i) => base + i * PORT_BLOCK);
  }
  fail(`No ${count * PORT_BLOCK} free ports in a row were found; set E2E_PORT.`);
}

async function withPostgresDatabase() {
  const { default: pg } = await import("pg");
  const adminUrl = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const name = `helpdesk_e2e_${crypto.randomBytes(5).toString("hex")}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  // A throw-away database: commits need not wait for the disk (see scripts/test-scratch.cjs).
  await admin(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A suite's result from its JSON report: failed when the report is missing or the process failed. */
function fromReport(read, file) {
  return (exit) => {
    const counts = read(file);
    if (!counts) return { status: "failed", reason: `no report (${describeExit(exit)})` };
    const passed = exit.code === 0 && counts.failed === 0;
    return { status: passed ? "passed" : "failed", reason: passed || counts.failed ? undefined : describeExit(exit), counts };
  };
}

function browserSuite(database, port) {
  const report = path.join(reportsDir, `browser-${database}.json`);
  // On a memory file system when there is one (scripts/test-scratch.cjs): the SQLite database is in it.
  const scratch = memoryTempDir();
  const dataDir = scratch ? path.join(scratch, `e2e-${database}-${process.pid}`) : path.join(root, "data", `e2e-${database}`);
  return {
    id: `browser-${database}`,
    title: `browser tests (${database})`,
    needs: ["build"],
    priority: database === "sqlite" ? 2 : 3,
    // Tests tagged @any-database (e2e/support.ts ANY_DATABASE) check what the engine cannot change
    // (accessibility, phone widths, CSP, headers): once, on SQLite, is enough.
    command: [process.execPath, bin("@playwright/test", "cli.js"), "test", ...(database === "sqlite" ? [] : ["--grep-invert", "@any-database"])],
    prepare: async () => {
      fs.rmSync(report, { force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true });
      const removeScratch = () => scratch && fs.rmSync(dataDir, { recursive: true, force: true });
      const env = { E2E_PORT: String(port), E2E_REPORT: report, E2E_DATA_DIR: dataDir, E2E_OUTPUT_DIR: path.join("test-results", `browser-${database}`), SKIP_BUILD_CHECK: "1" };
      if (database === "sqlite") return { env: { ...env, E2E_DATABASE_URL: `file:${path.join(dataDir, "helpdesk.db")}` }, cleanup: removeScratch };
      const db = await withPostgresDatabase();
      return { env: { ...env, E2E_DATABASE_URL: db.url }, cleanup: async () => { await db.drop(); removeScratch(); } };
    },
    finish: fromReport(readPlaywrightReport, report),
  };
}

const vitestReport = path.join(reportsDir, "unit.json");
const ports = process.env.E2E_PORT ? DATABASES.map((_, i) => Number(process.env.E2E_PORT) + i * PORT_BLOCK) : await freePortBlocks(DATABASES.length);
const defined = [
  { id: "lint", title: "lint (ESLint)", priority: 4, command: [process.execPath, bin("eslint", "bin/eslint.js"), "."] },
  // tsc reads .next/types and next-env.d.ts, which the build writes.
  { id: "types", title: "types (tsc)", needs: ["build"], priority: 5, command: [process.execPath, bin("typescript", "bin/tsc"), "--noEmit"] },
  {
    id: "unit",
    title: `unit and integration (${databases.join(", ")})`,
    priority: 1,
    command: [process.execPath, bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile=${vitestReport}`],
    env: { TEST_DATABASES: databases.join(",") },
    prepare: () => fs.rmSync(vitestReport, { force: true }),
    finish: fromReport((file) => readVitestReport(file, root), vitestReport),
  },
  { id: "build", title: "production build", priority: 0, command: [process.execPath, path.join(root, "scripts", "build.mjs"), "--skip-generate"] },
  ...DATABASES.map((d, i) => browserSuite(d, ports[i])),
];

let skippedUpFront;
try {
  skippedUpFront = leftOutSuites(defined, { databases, wanted: process.env.TEST_SUITES ? listSetting("TEST_SUITES", "") : null });
  for (const [id, reason] of suitesLeftOut(defined.map((s) => s.id).filter((id) => !skippedUpFront.has(id)))) skippedUpFront.set(id, reason);
} catch (error) {
  fail(error.message);
}
const toRun = defined.filter((s) => !skippedUpFront.has(s.id));
// When the types suite runs, it checks the whole program with tsc beside the browser tests, so the
// build (which the browser tests wait for) skips its own copy of that check.
if (toRun.some((s) => s.id === "types")) for (const s of toRun) if (s.id === "build") s.env = { HELPDESK_BUILD_SKIP_TYPES: "1" };

console.log("━━ prerequisites");
const prereqStart = Date.now();
const prerequisites = await ensurePrerequisites({ suites: toRun.map((s) => s.id), databases });
console.log(describeResults(prerequisites.results, prerequisites.skipped).join("\n"));
if (!prerequisites.ok) fail(prerequisites.message);
const prereqMs = Date.now() - prereqStart;

// The build and the tests read the Prisma clients; generate them once, before anything runs beside.
console.log("━━ Prisma clients");
if (generateClients([], { quiet: true }) !== 0) fail("Generating the Prisma clients failed (see above).");

fs.mkdirSync(reportsDir, { recursive: true });
const children = new Set();
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  // The first signal stops the suites and still prints the summary; a second one ends at once.
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n━━ ${signal}: stopping the suites`);
    stopAll(children);
  });
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const ran = await runSuites(
  toRun.map((s) => ({ ...s, cwd: root, env: { ...env, ...s.env } })),
  { jobs, logDir, children },
);
const byId = new Map(ran.map((r) => [r.id, r]));
const results = [
  { id: "prerequisites", title: "prerequisites", status: "passed", ms: prereqMs },
  ...defined.map((s) => ({ title: s.title, ...(byId.get(s.id) ?? { id: s.id, status: "skipped", reason: skippedUpFront.get(s.id) }) })),
];
const summary = formatSummary(results, { totalMs: Date.now() - startedAt, logDir: path.relative(root, logDir) });
console.log(summary.text);
process.exit(summary.ok ? 0 : 1);
