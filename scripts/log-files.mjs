// The server's log files: `<data folder>/logs/helpdesk.<date>.<n>.log`, a new file every day and
// whenever one reaches LOG_MAX_SIZE, the newest LOG_KEEP kept. Written by pino-roll (the pino
// team's rotating file destination: maintained, no native parts, the same SonicBoom writer pino
// uses) rather than by console redirection, which cannot rotate a file a process holds open.
//
// One writer for the whole server: the start script (scripts/start.mjs). Every process of the
// server (the cluster primary and each worker) prints its JSON log lines on stdout and stderr; the
// primary passes its workers' output on line by line, and this file writes each whole line once.
// Several processes rotating one file would rename it under each other, and per-worker files
// would split one request's story across files; one writer keeps a single, ordered file.
//
// Redaction happens where lines are made (lib/server/logger.ts, with lib/server/redact.ts); here,
// as a last net for output that did not pass the logger (a crash before it was set up, a library
// writing to stdout), the environment's secret values are cut out of every line too. A line that
// is not already a JSON object (Next's start banner) is wrapped in one, so the file is JSON lines.
// The console keeps the output too unless LOG_CONSOLE=0 (the Windows service sets it: the file is
// the log there).
//
// Days are UTC days: a file is cut at midnight UTC and named by the UTC date, because the lines
// carry UTC times (pino's isoTime) and IIS rolls its own logs at midnight UTC too (its default), so
// the file to open for a line's time is the one its date names, whatever zone the VM is set to.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import pinoRoll from "pino-roll";

export const LOG_FILE_BASE = "helpdesk";
const DEFAULT_MAX_SIZE = "10m";
const DEFAULT_KEEP = 14;
const REDACTED = "[redacted]";
const LOG_FILE_NAME = new RegExp(`^${LOG_FILE_BASE}\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log$`);

/** The log settings from the resolved environment; throws on a value that is not understood. */
export function logSettings(env) {
  const enabled = env.LOG_FILES !== "0";
  const dir = path.resolve(env.LOG_DIR?.trim() || path.join(env.DATA_DIR ?? "data", "logs"));
  const maxSize = (env.LOG_MAX_SIZE ?? DEFAULT_MAX_SIZE).trim().toLowerCase();
  if (!/^\d+[kmg]?$/.test(maxSize) || Number.parseInt(maxSize, 10) < 1) throw new Error(`LOG_MAX_SIZE must be a size such as 10m, 500k or 1g; it is "${env.LOG_MAX_SIZE}".`);
  const keepText = (env.LOG_KEEP ?? String(DEFAULT_KEEP)).trim();
  if (!/^\d+$/.test(keepText) || Number(keepText) < 1) throw new Error(`LOG_KEEP must be a whole number of files (1 or more); it is "${env.LOG_KEEP}".`);
  return { enabled, dir, maxSize, keep: Number(keepText), console: env.LOG_CONSOLE !== "0" };
}

/** Secret values of the environment (the same names lib/server/redact.ts remembers), longest first. */
export function environmentSecrets(env) {
  const values = ["NEXTAUTH_SECRET", "HELPDESK_ENCRYPTION_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "AUTH_ENTRA_CLIENT_SECRET", "AUTH_OIDC_CLIENT_SECRET"].map((n) => env[n]);
  values.push(...(env.HELPDESK_ENCRYPTION_KEY_PREVIOUS ?? "").split(",").map((k) => k.trim()));
  for (const name of ["SMTP_URL", "DATABASE_URL"]) {
    try {
      if (env[name]) values.push(decodeURIComponent(new URL(env[name]).password));
    } catch {
      // not a URL: nothing to take from it
    }
  }
  return [...new Set(values.filter((v) => typeof v === "string" && v.length >= 6))].sort((a, b) => b.length - a.length);
}

const LEVELS = { stdout: 30, stderr: 50 };

/** A pino line already (parsed only when it looks like one: most lines are, and they are few). */
function isJsonObject(text) {
  if (!text.startsWith("{") || !text.endsWith("}")) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps `current` (the file in use) and the newest `keep - 1` other log files (by the date in the
 * name, then the number) and deletes the rest; returns the names deleted. pino-roll prunes only when it rolls, so a server that never
 * runs past midnight nor fills a file (a VM shut down every evening) would otherwise keep them all.
 */
export function pruneLogFiles(dir, keep, current) {
  const others = fs
    .readdirSync(dir)
    .map((name) => ({ name, match: LOG_FILE_NAME.exec(name) }))
    .filter((f) => f.match && path.join(dir, f.name) !== current)
    .sort((a, b) => a.match[1].localeCompare(b.match[1]) || Number(a.match[2]) - Number(b.match[2]));
  const deleted = [];
  for (const f of others.slice(0, Math.max(0, others.length - (keep - 1)))) {
    try {
      fs.rmSync(path.join(dir, f.name), { force: true });
      deleted.push(f.name);
    } catch {
      // Open elsewhere (Windows refuses to delete a file someone is reading): the next prune tries again.
    }
  }
  return deleted;
}

/**
 * Opens the log file (creating the folder) and returns the sink: `line(text, stream)` writes one
 * line, `pipe(child)` writes a child process's stdout and stderr line by line, `close()` flushes.
 */
export async function openLogSink(env, { pid = process.pid } = {}) {
  const settings = logSettings(env);
  const secrets = environmentSecrets(env);
  // pino-roll counts days in the process's zone (Date#setHours, date-fns): this process only writes
  // logs and supervises the server, whose processes get an environment of their own, so setting
  // its zone changes nothing else. Node applies a TZ set at run time on Windows too (since 16.2).
  if (settings.enabled) process.env.TZ = "UTC";
  const file = settings.enabled
    ? await pinoRoll({
        file: path.join(settings.dir, `${LOG_FILE_BASE}.log`),
        frequency: "daily",
        dateFormat: "yyyy-MM-dd",
        size: settings.maxSize,
        // removeOtherLogFiles prunes the files of earlier runs too (a server restarted every day
        // still keeps N); in that mode pino-roll's count is every file, the one in use included.
        limit: { count: settings.keep, removeOtherLogFiles: true },
        mkdir: true,
        // Each line reaches the disk before the next is read: a crash loses nothing already written.
        // pino-roll checks the size after each burst of writes (one event loop turn), so a file
        // can pass LOG_MAX_SIZE by what arrived at once (at most a pipe read, 64 KB).
        sync: true,
      })
    : null;
  if (file) pruneLogFiles(settings.dir, settings.keep, file.file);
  let open = true;
  let failed = false;
  // A log file that cannot be written (a full disk, a folder taken away) must not stop the help
  // desk: say so once on stderr (the service wrapper keeps that) and carry on without the file.
  file?.on("error", (error) => {
    if (failed) return;
    failed = true;
    process.stderr.write(`helpdesk: the log file ${file.file} cannot be written (${error.code ?? error.message}); logging to the console only.\n`);
  });

  const scrub = (text) => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };

  const line = (text, stream = "stdout", from = pid) => {
    if (!open) return;
    const clean = scrub(text.replace(/\r$/, ""));
    if (settings.console) (stream === "stderr" ? process.stderr : process.stdout).write(`${clean}\n`);
    if (!file || failed || !clean.trim()) return;
    const json = isJsonObject(clean) ? clean : JSON.stringify({ level: LEVELS[stream] ?? 30, time: new Date().toISOString(), pid: from, msg: clean });
    file.write(`${json}\n`);
  };

  const pipe = (child) =>
    Promise.all(
      ["stdout", "stderr"].map(
        (stream) =>
          new Promise((resolve) => {
            if (!child[stream]) return resolve();
            const lines = readline.createInterface({ input: child[stream], crlfDelay: Infinity });
            lines.on("line", (text) => line(text, stream, child.pid));
            lines.on("close", resolve);
          }),
      ),
    );

  const close = () =>
    new Promise((resolve) => {
      if (!open || !file || failed) {
        open = false;
        return resolve();
      }
      open = false;
      file.once("close", resolve);
      file.end();
    });

  return { settings, file: file?.file ?? null, line, pipe, close };
}
