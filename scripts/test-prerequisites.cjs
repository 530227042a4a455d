// What the test suites need from the system, in one table, and the step of `npm test` that makes
// sure it is there: found, installed with the system's package manager (as root or with
// passwordless sudo), started (PostgreSQL), or the run stops before any suite with the exact
// command to run. A tool left out on purpose (TEST_WITHOUT=name) is never installed; the tests that
// need it are skipped and listed as asked for.
//
// Adding a tool is one row. `find` says how to detect it, in this order: an environment variable
// that overrides the location (`env`), commands on PATH (`commands`, all of them), fixed locations
// (`paths`: for /usr/sbin, which is not on a normal user's PATH), folders holding `file` (`dirs`,
// relative to the repository), Playwright's own browser (`playwrightBrowser`), a PostgreSQL server
// that accepts the tests' connection (`postgres`). `suites` names the suites that need it
// ("browser" covers browser-sqlite and browser-postgresql); `databases` limits it to runs that
// cover those databases. `skipsSuites` means the suites cannot run at all without it, so leaving it
// out skips those suites; otherwise the tests that need it skip themselves (test/tools.ts).
//
// CommonJS, because Playwright loads its config and specs (which use this table) through its own
// CommonJS transform, which cannot load an ES module file.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

const PREREQUISITES = [
  { name: "chromium", what: "Chromium (the browser tests)", find: { env: "CHROMIUM_PATH", paths: ["/usr/bin/chromium"], playwrightBrowser: true }, debian: "chromium", suites: ["browser"], skipsSuites: true },
  { name: "dovecot", what: "Dovecot IMAP server (mail polling tests)", find: { env: "DOVECOT_PATH", paths: ["/usr/sbin/dovecot"] }, debian: "dovecot-imapd", suites: ["unit", "browser"] },
  { name: "nginx", what: "nginx (the reverse proxy in front of the app)", find: { env: "NGINX_PATH", commands: ["nginx"], paths: ["/usr/sbin/nginx"] }, debian: "nginx", suites: ["unit", "browser"] },
  { name: "openssl", what: "OpenSSL (self-signed certificates for the reverse-proxy tests)", find: { commands: ["openssl"] }, debian: "openssl", suites: ["unit", "browser"] },
  { name: "faketime", what: "libfaketime (moves a whole server's clock)", find: { commands: ["faketime"] }, debian: "faketime", suites: ["unit", "browser"] },
  { name: "pg-client", what: "PostgreSQL client tools (pg_dump, pg_restore)", find: { commands: ["pg_dump", "pg_restore"] }, debian: "postgresql-client", suites: ["unit"], databases: ["postgresql"] },
  { name: "mariadb-client", what: "MariaDB client (the importer)", find: { commands: ["mariadb"] }, debian: "mariadb-client", suites: ["unit"] },
  { name: "postgresql", what: "PostgreSQL server (TEST_POSTGRES_URL)", find: { postgres: true }, debian: "postgresql", suites: ["unit", "browser"], databases: ["postgresql"] },
  { name: "mail-corpus", what: "the shared mail corpus (real mails from Zammad's parser tests)", find: { dirs: ["../shared/mail-corpus", "/work/shared/mail-corpus"], file: "manifest.json" }, debian: null, get: "put the corpus in ../shared/mail-corpus beside the clone", suites: ["unit"] },
];

const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The reason a skipped test or suite carries when the run asked for it; the summary tells these apart. */
function askedFor(setting) {
  return `asked for (${setting})`;
}
function isAskedFor(reason) {
  return typeof reason === "string" && /^asked for \(.+\)$/.test(reason);
}

/** The tools named in TEST_WITHOUT; a name that is not in the table is a mistake, not a silent no-op. */
function leftOut(env = process.env, table = PREREQUISITES) {
  const names = (env.TEST_WITHOUT ?? "").split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !table.some((row) => row.name === n));
  if (unknown.length) throw new Error(`TEST_WITHOUT names ${unknown.join(", ")}, which the prerequisites table (scripts/test-prerequisites.cjs) does not know. Known: ${table.map((r) => r.name).join(", ")}.`);
  return new Set(names);
}

function suiteMatches(suite, wanted) {
  return suite === wanted || suite.startsWith(`${wanted}-`);
}

/** The rows that the chosen suites and databases need. */
function neededRows({ suites, databases }, table = PREREQUISITES) {
  return table.filter((row) => row.suites.some((w) => suites.some((s) => suiteMatches(s, w))) && (!row.databases || row.databases.some((d) => databases.includes(d))));
}

/** Suites that cannot run because a tool they need as a whole was left out. */
function suitesLeftOut(suites, env = process.env, table = PREREQUISITES) {
  const out = leftOut(env, table);
  const result = new Map();
  for (const row of table) {
    if (!row.skipsSuites || !out.has(row.name)) continue;
    for (const s of suites) if (row.suites.some((w) => suiteMatches(s, w)) && !result.has(s)) result.set(s, askedFor(`TEST_WITHOUT=${row.name}`));
  }
  return result;
}

function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command, env) {
  const exts = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = path.join(dir, command + ext);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function playwrightChromium() {
  try {
    const file = require("playwright-core").chromium.executablePath();
    return file && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * Where a file-like prerequisite is: `{ path }`, or `{ missing }` saying what was looked at, with
 * `override` set when an environment variable points at nothing (installing would not help).
 */
function locate(row, env = process.env) {
  const find = row.find;
  if (find.env && env[find.env]) {
    const file = env[find.env];
    return isExecutable(file) ? { path: file } : { missing: `${find.env}=${file} is not an executable file`, override: find.env };
  }
  const looked = [];
  if (find.commands) {
    const found = find.commands.map((c) => onPath(c, env));
    if (found.every(Boolean)) return { path: found[0] };
    looked.push(`${find.commands.filter((_, i) => !found[i]).join(", ")} on PATH`);
  }
  for (const file of find.paths ?? []) {
    if (isExecutable(file)) return { path: file };
    looked.push(file);
  }
  for (const dir of find.dirs ?? []) {
    const full = path.resolve(root, dir);
    if (fs.existsSync(path.join(full, find.file))) return { path: full };
    looked.push(path.join(full, find.file));
  }
  if (find.playwrightBrowser) {
    const file = playwrightChromium();
    if (file) return { path: file };
    looked.push("Playwright's own browser");
  }
  if (find.env) looked.push(`$${find.env}`);
  return { missing: `not found (looked for ${looked.join(", ")})` };
}

/** The location of a table row by name, or null: what the tests and the Playwright config use. */
function locateTool(name, env = process.env) {
  const row = PREREQUISITES.find((r) => r.name === name);
  if (!row) throw new Error(`No prerequisite named ${name} in scripts/test-prerequisites.cjs`);
  return locate(row, env).path ?? null;
}

function isLocalHost(host) {
  return ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host);
}

/** Whether the tests' PostgreSQL answers: ok, down (nothing listens), or refused for another reason. */
async function probePostgres(url) {
  const pg = require("pg");
  const u = new URL(url);
  const client = new pg.Client({ host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username) || undefined, password: u.password ? decodeURIComponent(u.password) : undefined, database: decodeURIComponent(u.pathname.slice(1)) || undefined, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return { state: "up" };
  } catch (error) {
    const down = ["ECONNREFUSED", "ENOENT"].includes(error.code) || /ECONNREFUSED/.test(String(error.message));
    return { state: down ? "down" : "refused", message: error.message };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Debian's clusters (pg_lsclusters), so a stopped one on the tests' port can be started. */
function postgresClusters(env) {
  if (!onPath("pg_lsclusters", env)) return [];
  const out = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8", env });
  return (out.stdout ?? "").split("\n").map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 4).map(([version, cluster, port, status]) => ({ version, cluster, port: Number(port), status }));
}

/**
 * What every needed row looks like now: `{ row, ok, where }` or `{ row, ok: false, problem, fix }`,
 * where fix is "install" (the Debian package), "start" (a stopped PostgreSQL cluster), or "manual".
 */
async function probe(rows, env = process.env) {
  const results = [];
  for (const row of rows) {
    if (!row.find.postgres) {
      const found = locate(row, env);
      results.push(found.path ? { row, ok: true, where: found.path } : { row, ok: false, problem: found.missing, fix: found.override || !row.debian ? "manual" : "install" });
      continue;
    }
    const url = env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
    const u = new URL(url);
    const shown = `${u.hostname}:${u.port || 5432}`;
    const answer = await probePostgres(url);
    if (answer.state === "up") {
      results.push({ row, ok: true, where: shown });
      continue;
    }
    if (answer.state === "refused" || !isLocalHost(u.hostname)) {
      results.push({ row, ok: false, problem: `PostgreSQL at ${shown} refused the tests' connection: ${answer.message}`, fix: "manual" });
      continue;
    }
    const cluster = postgresClusters(env).find((c) => c.port === Number(u.port || 5432));
    if (cluster) results.push({ row, ok: false, problem: `PostgreSQL ${cluster.version}/${cluster.cluster} is installed but not running on ${shown}`, fix: "start", cluster });
    else results.push({ row, ok: false, problem: `nothing answers on ${shown} and no PostgreSQL cluster is installed for that port`, fix: "install" });
  }
  return results;
}

function startCommand(cluster) {
  return ["pg_ctlcluster", "--skip-systemctl-redirect", cluster.version, cluster.cluster, "start"];
}

/**
 * What to do about the probe results, decided without touching the system. `rights` says how this
 * machine can install (`installRights`). Returns the packages to install, the clusters to start,
 * and `stop`: the message to end the run with, or null.
 */
function plan(results, { rights, retried = false }) {
  const blocking = results.filter((r) => !r.ok);
  const canAct = rights.manager === "apt" && rights.as !== "user" && rights.allowed && !retried;
  const unsolvable = blocking.filter((r) => r.fix === "manual" || !canAct);
  if (!unsolvable.length) {
    const install = [...new Set(blocking.filter((r) => r.fix === "install").map((r) => r.row.debian))];
    return { install, start: blocking.filter((r) => r.fix === "start").map((r) => r.cluster), stop: null };
  }
  return { install: [], start: [], stop: stopMessage(unsolvable, rights, retried) };
}

function stopMessage(unsolvable, rights, retried) {
  const sudo = rights.as === "root" ? "" : "sudo ";
  const lines = [retried ? "Still missing after installing and starting what was missing:" : "The tests need what this machine does not have:"];
  for (const r of unsolvable) lines.push(`  - ${r.row.what}: ${r.problem}`);
  const packages = [...new Set(unsolvable.filter((r) => r.fix === "install").map((r) => r.row.debian))];
  const commands = [];
  if (packages.length) {
    if (rights.manager !== "apt") commands.push(`install with your system's package manager (Debian's names: ${packages.join(" ")}); for Chromium, \`npx playwright install chromium\` works too`);
    else commands.push(`${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(" ")}`);
  }
  for (const r of unsolvable.filter((x) => x.fix === "start")) commands.push(`${sudo}${startCommand(r.cluster).join(" ")}`);
  for (const r of unsolvable.filter((x) => x.fix === "manual")) {
    if (r.row.find.postgres) commands.push("give the tests a PostgreSQL superuser that connects without a password (trust) on 127.0.0.1, or set TEST_POSTGRES_URL");
    else if (r.row.get) commands.push(r.row.get);
    else if (r.row.find.env) commands.push(`point ${r.row.find.env} at ${r.row.name}, or unset it`);
  }
  if (commands.length) lines.push("", "To fix it:", ...commands.map((c) => `  ${c}`));
  if (!retried && rights.manager === "apt" && (rights.as === "user" || !rights.allowed) && unsolvable.some((r) => r.fix !== "manual")) {
    lines.push("", rights.allowed ? "(npm test does this itself when it runs as root or with passwordless sudo.)" : "(TEST_INSTALL=0 is set, so npm test did not do it itself.)");
  }
  const alternatives = [];
  const tools = unsolvable.map((r) => r.row).filter((row) => !row.find.postgres);
  if (tools.length) alternatives.push(`TEST_WITHOUT=${tools.map((row) => row.name).join(",")} npm test   (the tests that need them are skipped and listed as asked for)`);
  if (unsolvable.some((r) => r.row.find.postgres)) alternatives.push("TEST_DATABASES=sqlite npm test   (SQLite only)");
  lines.push("", "Or leave them out:", ...alternatives.map((a) => `  ${a}`));
  return lines.join("\n");
}

/** How this machine can install packages: with apt or not, as root, with passwordless sudo, or as a plain user. */
function installRights(env = process.env) {
  const manager = process.platform === "linux" && fs.existsSync("/usr/bin/apt-get") ? "apt" : null;
  const allowed = env.TEST_INSTALL !== "0";
  if (process.getuid?.() === 0) return { manager, as: "root", allowed };
  const sudo = manager && allowed && onPath("sudo", env) && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
  return { manager, as: sudo ? "sudo" : "user", allowed };
}

// apt-get, dpkg and pg_ctlcluster live in the system folders, which a user's PATH may lack.
const SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(path.delimiter);

function runAs(rights, command, log) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", PATH: `${process.env.PATH ?? ""}${path.delimiter}${SYSTEM_PATH}` };
  const [name, ...rest] = command;
  const program = onPath(name, env) ?? name;
  const [file, ...args] = rights.as === "sudo" ? [onPath("sudo", env) ?? "sudo", "-n", "--preserve-env=DEBIAN_FRONTEND", program, ...rest] : [program, ...rest];
  log(`$ ${rights.as === "sudo" ? "sudo " : ""}${command.join(" ")}`);
  const result = spawnSync(file, args, { stdio: ["ignore", "inherit", "inherit"], env });
  if (result.status !== 0) throw new Error(`\`${command.join(" ")}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}).`);
}

async function waitForPostgres(url, seconds = 30) {
  for (let i = 0; i < seconds * 2; i++) {
    if ((await probePostgres(url)).state === "up") return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The prerequisite step: probe, install, start, probe again. Rows left out (TEST_WITHOUT) are not
 * looked at. Returns `{ ok, skipped, results }`; when not ok, `message` is what the run stops with.
 */
async function ensurePrerequisites({ suites, databases, env = process.env, table = PREREQUISITES, log = console.log }) {
  const out = leftOut(env, table);
  const needed = neededRows({ suites, databases }, table);
  const skipped = needed.filter((row) => out.has(row.name)).map((row) => ({ name: row.name, reason: askedFor(`TEST_WITHOUT=${row.name}`) }));
  const rows = needed.filter((row) => !out.has(row.name));
  const rights = installRights(env);
  let results = await probe(rows, env);
  let decision = plan(results, { rights });
  if (decision.stop) return { ok: false, message: decision.stop, skipped, results };
  try {
    if (decision.install.length) {
      log(`Installing what the tests need: ${decision.install.join(" ")}`);
      runAs(rights, ["apt-get", "update", "-qq", "-o", "DPkg::Lock::Timeout=300"], log);
      runAs(rights, ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", ...decision.install], log);
      // A freshly installed PostgreSQL may not be running yet: probe again to see what to start.
      results = await probe(rows, env);
      decision = plan(results, { rights });
    }
    for (const cluster of decision.start) {
      log(`Starting PostgreSQL ${cluster.version}/${cluster.cluster}`);
      runAs(rights, startCommand(cluster), log);
      await waitForPostgres(env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL);
    }
  } catch (error) {
    return { ok: false, message: error.message, skipped, results };
  }
  results = await probe(rows, env);
  decision = plan(results, { rights, retried: true });
  return decision.stop ? { ok: false, message: decision.stop, skipped, results } : { ok: true, skipped, results };
}

/** One line per prerequisite: found where, left out, or what is wrong. */
function describeResults(results, skipped = []) {
  return [
    ...results.map((r) => `  ${r.ok ? "✓" : "✗"} ${r.row.name.padEnd(15)} ${r.ok ? r.where : r.problem}`),
    ...skipped.map((s) => `  – ${s.name.padEnd(15)} left out: ${s.reason}`),
  ];
}

// `node scripts/test-prerequisites.cjs`: the step on its own, for the suites and databases that
// TEST_SUITES and TEST_DATABASES name (all of them by default), as `npm test` would.
async function main() {
  const list = (value) => value.split(/[\s,]+/).filter(Boolean);
  const databases = list(process.env.TEST_DATABASES ?? "sqlite,postgresql");
  const suites = list(process.env.TEST_SUITES ?? "unit,browser").flatMap((s) => (s === "browser" ? databases.map((d) => `browser-${d}`) : [s]));
  const outcome = await ensurePrerequisites({ suites, databases });
  console.log(describeResults(outcome.results, outcome.skipped).join("\n"));
  if (!outcome.ok) console.error(`\n${outcome.message}`);
  return outcome.ok ? 0 : 1;
}

module.exports = { PREREQUISITES, DEFAULT_POSTGRES_URL, askedFor, isAskedFor, leftOut, neededRows, suitesLeftOut, locate, locateTool, probePostgres, probe, plan, installRights, ensurePrerequisites, describeResults };

if (require.main === module) main().then((code) => process.exit(code));
