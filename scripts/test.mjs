// `npm test`: the whole suite. Lint and types, unit and integration tests on SQLite and
// PostgreSQL, then the production build driven by Playwright in Chromium, once per database.
// TEST_DATABASES=sqlite limits the run to the embedded database (PostgreSQL not needed).
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { build } from "./build.mjs";
import { root } from "./runtime-env.mjs";

const databases = (process.env.TEST_DATABASES ?? "sqlite,postgresql").split(",");
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const resultsDir = path.join(root, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });
const bin = (pkg, file) => path.join(root, "node_modules", pkg, file);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, args, env = {}) {
  console.log(`\n━━ ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function countVitest(file) {
  const report = readJson(file);
  if (!report) return;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  const stats = readJson(file)?.stats;
  if (!stats) return;
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}

async function withPostgresDatabase(fn) {
  const name = `helpdesk_e2e_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  try {
    return fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

run("lint", [bin("eslint", "bin/eslint.js"), "."]);
run("types", [bin("typescript", "bin/tsc"), "--noEmit"]);

const vitestReport = path.join(resultsDir, "vitest.json");
fs.rmSync(vitestReport, { force: true });
run(`unit and integration tests (${databases.join(", ")})`, [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile=${vitestReport}`], { TEST_DATABASES: databases.join(",") });
countVitest(vitestReport);

console.log("\n━━ production build");
if (build() !== 0) failures.push("build");
else {
  for (const database of databases) {
    const report = path.join(resultsDir, `e2e-${database}.json`);
    fs.rmSync(report, { force: true });
    const e2e = (url) => run(`browser tests on ${database}`, [bin("@playwright/test", "cli.js"), "test"], { E2E_DATABASE_URL: url, E2E_REPORT: report, SKIP_BUILD_CHECK: "1", E2E_DATA_DIR: `data/e2e-${database}` });
    if (database === "sqlite") {
      const dir = path.join(root, "data", "e2e-sqlite");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      e2e(`file:${path.join(dir, "helpdesk.db")}`);
    } else {
      await withPostgresDatabase(e2e);
    }
    countPlaywright(report);
  }
}

console.log("");
if (failures.length) console.log(`Failed steps: ${failures.join(", ")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
