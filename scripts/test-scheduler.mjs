// Runs the suites of `npm test` as child processes, several at once: a suite starts when the suites
// it needs have passed and a slot is free, in the order of `priority` (lowest first). Each line a
// suite prints is shown with the suite's name in front and kept whole in LOGDIR/<suite>.log.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { askedFor } from "./test-prerequisites.cjs";

function prefixer(write, prefix) {
  let pending = "";
  return {
    push(chunk) {
      pending += String(chunk).replace(/\r\n?/g, "\n");
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) write(`${prefix}${line}\n`);
    },
    flush() {
      if (pending) write(`${prefix}${pending}\n`);
      pending = "";
    },
  };
}

function runOne(suite, { logDir, prefixWidth, write, children }) {
  return new Promise((resolve) => {
    const log = fs.createWriteStream(path.join(logDir, `${suite.id}.log`));
    const [file, ...args] = suite.command;
    // Each suite in a process group of its own, so stopping it stops its workers and servers too.
    const child = spawn(file, args, { cwd: suite.cwd, env: suite.env, stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32" });
    children.add(child);
    // One prefixer per stream, so a partial line on stdout never merges with one on stderr.
    const outs = [child.stdout, child.stderr].map((stream) => {
      const out = prefixer(write, `${suite.id.padEnd(prefixWidth)} │ `);
      stream.on("data", (chunk) => {
        log.write(chunk);
        out.push(chunk);
      });
      return out;
    });
    let finished = false;
    // A program that cannot start emits "error" and then "close": answer once.
    const done = (code, signal, error) => {
      if (finished) return;
      finished = true;
      children.delete(child);
      for (const out of outs) out.flush();
      if (error) log.write(`\n${error.message}\n`);
      log.end(() => resolve({ code, signal, error }));
    };
    child.on("error", (error) => done(null, null, error));
    child.on("close", (code, signal) => done(code, signal));
  });
}

const matches = (id, name) => id === name || id.startsWith(`${name}-`);

/**
 * The suites a run leaves out, each with the reason (all asked for): browser suites of databases
 * not in TEST_DATABASES, and with TEST_SUITES (`wanted`, names like "unit" or "browser") everything
 * not named there, except what the named suites need. An unknown name is an error.
 */
export function leftOutSuites(suites, { databases, wanted = null }) {
  const out = new Map();
  for (const s of suites) {
    const database = /^browser-(.+)$/.exec(s.id)?.[1];
    if (database && !databases.includes(database)) out.set(s.id, askedFor(`TEST_DATABASES=${databases.join(",")}`));
  }
  if (!wanted) return out;
  const unknown = wanted.filter((w) => !suites.some((s) => matches(s.id, w)));
  if (unknown.length) throw new Error(`TEST_SUITES names ${unknown.join(", ")}; the suites are ${suites.map((s) => s.id).join(", ")} ("browser" means every browser suite).`);
  const chosen = new Set(suites.filter((s) => wanted.some((w) => matches(s.id, w)) && !out.has(s.id)).map((s) => s.id));
  for (const s of suites) if (chosen.has(s.id)) for (const n of s.needs ?? []) chosen.add(n);
  for (const s of suites) if (!chosen.has(s.id) && !out.has(s.id)) out.set(s.id, askedFor(`TEST_SUITES=${wanted.join(",")}`));
  return out;
}

/** Why a suite's process ended, for the summary: it could not start, a signal, or its exit code. */
export function describeExit(exit) {
  return exit.error?.message ?? (exit.signal ? `stopped by ${exit.signal}` : `exit code ${exit.code}`);
}

/**
 * Stops the running suites with everything they started. SIGINT first, as Ctrl-C in a terminal
 * would: Vitest and Playwright then stop their workers and Playwright its web server, which lives in
 * a process group of its own that a plain kill of the suite's group would leave running. Whatever
 * still runs after `graceMs` is killed.
 */
export function stopAll(children, { graceMs = 15_000 } = {}) {
  const signal = (child, name) => {
    try {
      if (process.platform === "win32") child.kill(name);
      else process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  for (const child of children) signal(child, "SIGINT");
  setTimeout(() => {
    for (const child of children) signal(child, "SIGKILL");
  }, graceMs).unref();
}

/**
 * Runs `suites` (`{ id, needs?, priority?, command, cwd, env, prepare?, finish? }`): `prepare()`
 * may return `{ env, cleanup }`, `finish(result)` turns the exit into `{ status, reason?, counts? }`.
 * Returns, in the suites' own order, `{ id, status, reason?, ms?, counts? }` for each.
 */
export async function runSuites(suites, { jobs = 2, logDir, write = (s) => process.stdout.write(s), children = new Set() } = {}) {
  fs.mkdirSync(logDir, { recursive: true });
  const prefixWidth = Math.max(...suites.map((s) => s.id.length));
  const results = new Map();
  const running = new Map();
  const byPriority = [...suites].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));

  const blockedBy = (suite) => (suite.needs ?? []).find((id) => results.has(id) && results.get(id).status !== "passed");
  const ready = (suite) => (suite.needs ?? []).every((id) => results.get(id)?.status === "passed");

  async function start(suite) {
    const started = Date.now();
    write(`━━ ${suite.id}: started\n`);
    let prepared = {};
    let result;
    try {
      prepared = (await suite.prepare?.()) ?? {};
      const exit = await runOne({ ...suite, env: { ...suite.env, ...prepared.env } }, { logDir, prefixWidth, write, children });
      result = suite.finish ? suite.finish(exit) : { status: exit.code === 0 ? "passed" : "failed", reason: exit.code === 0 ? undefined : describeExit(exit) };
    } catch (error) {
      result = { status: "failed", reason: error.message };
    } finally {
      await Promise.resolve(prepared.cleanup?.()).catch((error) => write(`━━ ${suite.id}: clean-up failed: ${error.message}\n`));
    }
    const ms = Date.now() - started;
    write(`━━ ${suite.id}: ${result.status} after ${(ms / 1000).toFixed(1)} s\n`);
    results.set(suite.id, { ...result, ms });
  }

  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const suite of byPriority) {
        if (results.has(suite.id) || running.has(suite.id)) continue;
        const blocker = blockedBy(suite);
        if (blocker) {
          results.set(suite.id, { status: "skipped", reason: `not run: ${blocker} did not pass` });
          changed = true;
        } else if (ready(suite) && running.size < jobs) {
          running.set(suite.id, start(suite).finally(() => running.delete(suite.id)));
        }
      }
    }
    if (!running.size) break;
    await Promise.race(running.values());
  }
  return suites.map((s) => ({ id: s.id, ...(results.get(s.id) ?? { status: "skipped", reason: `not run: needs ${s.needs.join(", ")}, which is not part of this run` }) }));
}
