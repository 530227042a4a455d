// Decisions of the cluster primary (scripts/server-entry.cjs), kept apart so they can be tested
// without starting processes: how many workers, whether to start a dead one again, which messages
// to relay.
"use strict";
const os = require("node:os");

/**
 * WEB_CONCURRENCY workers, or one per core when unset or "auto". The embedded SQLite default gets
 * the same: SQLite in WAL mode lets every process read at once, and writes (short transactions,
 * started with BEGIN IMMEDIATE so they queue on the busy timeout instead of failing) take turns.
 * WEB_CONCURRENCY=1 runs a single process with no cluster at all.
 */
function workerCount(env = process.env) {
  const text = (env.WEB_CONCURRENCY ?? "").trim().toLowerCase();
  if (text === "" || text === "auto") return Math.max(1, (os.availableParallelism ?? (() => os.cpus().length))());
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of processes (1 or more) or "auto"; it is "${env.WEB_CONCURRENCY}".`);
  return Number(text);
}

const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

/**
 * A worker died: start it again after a back-off (0.5 s doubling to 30 s) unless workers have died
 * MAX_CRASHES times within a minute, which means the server cannot run (a broken database, a bad
 * setting) and should stop so the service manager reports it. `crashes` is the primary's record.
 */
function planRestart(crashes, now) {
  while (crashes.length && crashes[0] <= now - CRASH_WINDOW_MS) crashes.shift();
  crashes.push(now);
  if (crashes.length >= MAX_CRASHES) return { restart: false, delayMs: 0 };
  return { restart: true, delayMs: Math.min(30_000, 500 * 2 ** (crashes.length - 1)) };
}

/** Notes one worker sends for all the others (lib/server/cluster-notes.ts): `{ helpdeskNote: "name" }`. */
function isClusterNote(message) {
  return Boolean(message) && typeof message === "object" && typeof message.helpdeskNote === "string" && message.helpdeskNote.length <= 100;
}

module.exports = { workerCount, planRestart, isClusterNote, CRASH_WINDOW_MS, MAX_CRASHES };
