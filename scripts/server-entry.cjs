// The production server process: Next's standalone server, with one thing added before any
// request reaches it. Next does not tell the app which address a request came from (its own
// X-Forwarded-For is whatever the client sent), so the socket's peer address is written into an
// internal header here, replacing any copy a client sent. lib/server/client-address.ts decides the
// client address from it (and, for trusted proxies only, from X-Forwarded-For).
//
// With WEB_CONCURRENCY above 1 this process is a node:cluster primary: it serves nothing itself,
// starts that many workers (each one this file again, with the guard and the peer header), shares
// the port among them, starts a worker again when one dies, and relays the workers' "something
// changed" notes (lib/server/cluster-notes.ts) to the others. The workers' stdout and stderr come
// to the primary through pipes of their own and leave it one whole line at a time: workers writing
// straight to one shared stdout could interleave a long line (a stack trace) with another's,
// and the log file (scripts/log-files.mjs) needs whole lines.
// Usage: node scripts/server-entry.cjs STANDALONE_DIR
const cluster = require("node:cluster");
const http = require("node:http");
const path = require("node:path");
const readline = require("node:readline");
const { installRequestGuard } = require("./request-guard.cjs");
const { isClusterNote, planRestart, workerCount } = require("./worker-pool.cjs");

const PEER_HEADER = "x-helpdesk-peer";
const standaloneDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", ".next", "standalone"));

function serve() {
  const createServer = http.createServer;
  http.createServer = function helpdeskCreateServer(...args) {
    const server = createServer.apply(this, args);
    server.prependListener("request", (req) => {
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    });
    installRequestGuard(server);
    return server;
  };
  require(path.join(standaloneDir, "server.js"));
}

/** Copies a worker's output to the primary's, one whole line per write. */
function relayLines(from, to) {
  if (!from) return;
  readline.createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${line}\n`));
}

function runPrimary(count) {
  const crashes = [];
  cluster.setupPrimary({ silent: true });
  let stopping = false;
  const start = (slot) => {
    const worker = cluster.fork({ HELPDESK_WORKER: String(slot) });
    relayLines(worker.process.stdout, process.stdout);
    relayLines(worker.process.stderr, process.stderr);
    worker.on("message", (message) => {
      if (!isClusterNote(message)) return;
      for (const other of Object.values(cluster.workers ?? {})) if (other && other !== worker && other.isConnected()) other.send(message);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) {
        if (!Object.values(cluster.workers ?? {}).some(Boolean)) process.exit(process.exitCode ?? 0);
        return;
      }
      const plan = planRestart(crashes, Date.now());
      console.error(`helpdesk: worker ${slot} stopped (${signal ?? `exit code ${code}`}); ${plan.restart ? `starting it again in ${plan.delayMs} ms` : "it keeps failing, so the server stops"}.`);
      if (!plan.restart) return stopAll(1);
      setTimeout(() => start(slot), plan.delayMs);
    });
  };
  const stopAll = (code) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (!workers.length) process.exit(code);
    for (const worker of workers) worker.process.kill("SIGTERM");
    // A worker that does not stop within 10 s is ended; the exit code says how the server stopped.
    setTimeout(() => process.exit(code), 10_000).unref();
    process.exitCode = code;
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));
  for (let slot = 1; slot <= count; slot++) start(slot);
}

const count = workerCount(process.env);
if (cluster.isPrimary && count > 1) runPrimary(count);
else serve();
