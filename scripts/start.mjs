// `npm start`: builds if needed, applies pending migrations, applies the demo data on the embedded
// default, then serves the production build with WEB_CONCURRENCY processes (default: one per core;
// scripts/server-entry.cjs runs the cluster). Nothing is served before the database is ready.
// Settings come from the real environment and, under it, the environment file (scripts/env-file.mjs).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "./build.mjs";
import { EnvFileError, withEnvFile } from "./env-file.mjs";
import { runPrisma } from "./prisma.mjs";
import { ConfigError, root, runtimeEnv } from "./runtime-env.mjs";
import workerPool from "./worker-pool.cjs";

const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["package-lock.json", "next.config.js", "proxy.ts", "tsconfig.json"];

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (p.includes(`${path.sep}generated`)) return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) visit(path.join(root, f));
  return newest;
}

function needsBuild() {
  const server = path.join(root, ".next", "standalone", "server.js");
  if (!fs.existsSync(server)) return true;
  return process.env.SKIP_BUILD_CHECK !== "1" && newestSourceMtime() > fs.statSync(server).mtimeMs;
}

function fail(message) {
  console.error(`\nhelpdesk cannot start: ${message}\n`);
  process.exit(1);
}

let env;
let workers;
let envFile;
try {
  envFile = withEnvFile(process.env, root);
  env = runtimeEnv(envFile.env);
  workers = workerPool.workerCount(env);
} catch (error) {
  if (error instanceof ConfigError || error instanceof EnvFileError || /WEB_CONCURRENCY/.test(error?.message)) fail(error.message);
  throw error;
}

if (needsBuild()) {
  console.log("Building the app (first start, or the source changed)…");
  if (build() !== 0) fail("the build failed (see above).");
}

console.log("Applying database migrations…");
if (runPrisma(["migrate", "deploy"], { quiet: true, extraEnv: { DATABASE_URL: env.DATABASE_URL } }) !== 0) {
  fail("the database migrations could not be applied (see above). Is the database reachable?");
}

const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "1" : env.HELPDESK_EMBEDDED === "1";
if (seedDemo) {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const seeded = spawnSync(process.execPath, [tsx, path.join(root, "prisma", "seed.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (seeded.status !== 0) fail("the demo data could not be applied.");
}

const standalone = path.join(root, ".next", "standalone");
const server = spawn(process.execPath, [path.join(root, "scripts", "server-entry.cjs"), standalone], {
  cwd: standalone,
  env: { ...env, NODE_ENV: "production" },
  stdio: ["ignore", "inherit", "inherit"],
});

console.log(`\nHelp desk is starting at ${env.APP_URL}`);
console.log(`  Support portal:  ${env.APP_URL}/`);
console.log(`  Staff sign-in:   ${env.APP_URL}/sign-in`);
console.log(`  Processes:       ${workers} (WEB_CONCURRENCY)`);
// Names and values stay out of the output: the file holds the secrets.
console.log(`  Settings file:   ${envFile.file ? `${envFile.file} (${envFile.names.length} setting${envFile.names.length === 1 ? "" : "s"} taken from it)` : "none (HELPDESK_ENV_FILE, or helpdesk.env in the data folder)"}`);
console.log(`  Database:        ${env.HELPDESK_EMBEDDED === "1" ? env.DATABASE_URL.replace(/^file:/, "") + " (embedded SQLite)" : env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//…@")}`);
if (seedDemo) {
  console.log("\n  Demo accounts (change these before real use):");
  console.log("    Admin   admin@example.com   admin-demo-1");
  console.log("    Agent   john@example.com    john-demo-1   (Support)");
  console.log("    Agent   jane@example.com    jane-demo-1   (System Administrators)");
}
console.log("");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
