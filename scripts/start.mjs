// `npm start`: builds if needed, applies pending migrations, applies the demo data on the embedded
// default, then serves the production build with WEB_CONCURRENCY processes (default: one per core;
// scripts/server-entry.cjs runs the cluster). Nothing is served before the database is ready.
// Settings come from the real environment and, under it, the environment file (scripts/env-file.mjs).
// This process writes the server's log files (scripts/log-files.mjs): every line the server
// processes print, and its own messages, pass through it.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "./build.mjs";
import { EnvFileError, withEnvFile } from "./env-file.mjs";
import { openLogSink } from "./log-files.mjs";
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

let log = null;

/** A message of this script: on the console and, once it is open, in the log file. */
function say(text, stream = "stdout") {
  if (log) for (const l of text.split("\n")) log.line(l, stream);
  else (stream === "stderr" ? console.error : console.log)(text);
}

async function fail(message) {
  say(`\nhelpdesk cannot start: ${message}\n`, "stderr");
  await log?.close();
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
  if (error instanceof ConfigError || error instanceof EnvFileError || /WEB_CONCURRENCY/.test(error?.message)) await fail(error.message);
  throw error;
}

try {
  log = await openLogSink(env);
} catch (error) {
  await fail(`the log files cannot be written: ${error.message}`);
}

if (needsBuild()) {
  say("Building the app (first start, or the source changed)…");
  if (build() !== 0) await fail("the build failed (see above).");
}

say("Applying database migrations…");
if (runPrisma(["migrate", "deploy"], { quiet: true, extraEnv: { DATABASE_URL: env.DATABASE_URL } }) !== 0) {
  await fail("the database migrations could not be applied (see above). Is the database reachable?");
}

const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "1" : env.HELPDESK_EMBEDDED === "1";
if (seedDemo) {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const seeded = spawnSync(process.execPath, [tsx, path.join(root, "prisma", "seed.ts")], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (seeded.status !== 0) await fail("the demo data could not be applied.");
}

const standalone = path.join(root, ".next", "standalone");
const server = spawn(process.execPath, [path.join(root, "scripts", "server-entry.cjs"), standalone], {
  cwd: standalone,
  env: { ...env, NODE_ENV: "production" },
  stdio: ["ignore", "pipe", "pipe"],
});
const output = log.pipe(server);

say(`\nHelp desk is starting at ${env.APP_URL}`);
say(`  Support portal:  ${env.APP_URL}/`);
say(`  Staff sign-in:   ${env.APP_URL}/sign-in`);
say(`  Processes:       ${workers} (WEB_CONCURRENCY)`);
// Names and values stay out of the output: the file holds the secrets.
say(`  Settings file:   ${envFile.file ? `${envFile.file} (${envFile.names.length} setting${envFile.names.length === 1 ? "" : "s"} taken from it)` : "none (HELPDESK_ENV_FILE, or helpdesk.env in the data folder)"}`);
say(`  Database:        ${env.HELPDESK_EMBEDDED === "1" ? env.DATABASE_URL.replace(/^file:/, "") + " (embedded SQLite)" : env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//…@")}`);
if (seedDemo) {
  say("\n  Demo accounts (change these before real use):");
  say("    Admin   admin@example.com   admin-demo-1");
  say("    Agent   john@example.com    john-demo-1   (Support)");
  say("    Agent   jane@example.com    jane-demo-1   (System Administrators)");
}
say("");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
// "close", not "exit": the server's last lines are still in the pipes when it exits.
server.on("close", async (code, signal) => {
  await output;
  await log.close();
  process.exit(code ?? (signal ? 0 : 1));
});
