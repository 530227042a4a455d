// `npm run bench:http`: pages per second of the real agent queue page over HTTP: the production
// server (`npm start`), a signed-in agent, React rendering and all, against a filled database.
// This is the figure to compare with other help desks' staff queues; bench/queue.ts breaks the
// database work of the same page down.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { hashPassword } from "@/lib/auth/password";
import { createBenchClient, createBenchDatabase, existingBenchDatabase, type BenchKind } from "./database";
import { describeExisting, fill } from "./fill";
import { parseOptions } from "./options";

const USAGE = `Usage: npm run bench:http -- [options]

  --tickets N        tickets to fill (default 100000); or --reuse URL of a database kept by
                     \`npm run bench -- --keep\`
  --db KIND          sqlite or postgresql (default sqlite)
  --seconds N        how long to load each page (default 20)
  --concurrency N    requests in flight at once (default 8)
  --port N           where the server listens (default 3290)
  --keep             keep the database
  --profile DIR      write the server's CPU profiles (.cpuprofile) into DIR
`;

type HttpOptions = { seconds: number; concurrency: number; port: number; profile?: string; rest: string[] };

function httpOptions(argv: string[]): HttpOptions {
  const o: HttpOptions = { seconds: 20, concurrency: 8, port: 3290, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const num = () => {
      const n = Number(inline ?? argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number\n\n${USAGE}`);
      return n;
    };
    if (flag === "--seconds") o.seconds = num();
    else if (flag === "--concurrency") o.concurrency = num();
    else if (flag === "--port") o.port = num();
    else if (flag === "--profile") o.profile = path.resolve(inline ?? argv[++i]);
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else o.rest.push(argv[i]);
  }
  return o;
}

const PASSWORD = "bench-password-1";
const root = path.resolve(import.meta.dirname, "..");

async function startServer(url: string, port: number, profile?: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, ...(profile ? { NODE_OPTIONS: `--import ${pathToFileURL(path.join(root, "bench", "cpu-profile.mjs")).href}`, BENCH_PROFILE_DIR: profile } : {}), DATABASE_URL: url, PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}`, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"), HELPDESK_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"), SEED_DEMO: "0", OUTBOX_WORKER: "0", IMAP_POLLER: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error("the server stopped before it answered");
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer within 5 minutes");
}

/** next-auth's credentials sign-in, as the sign-in form does it: the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return [...cookies, session].join("; ");
}

type Load = { pages: number; errors: number; perSecond: number; median: number; p99: number; kilobytes: number };

/** `concurrency` loops, each requesting the page again as soon as it has the whole answer. */
async function load(url: string, cookie: string, seconds: number, concurrency: number): Promise<Load> {
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        // Not following redirects: a lost session would otherwise time the sign-in page.
        // Uncompressed: what the server renders, whatever a proxy in front of it does with it.
        const res = await fetch(url, { headers: { cookie, "accept-encoding": "identity" }, redirect: "manual" }).catch(() => null);
        if (res) bytes += (await res.arrayBuffer()).byteLength;
        if (res?.status === 200) times.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { pages: times.length, errors, perSecond: times.length / elapsed, median: at(0.5), p99: at(0.99), kilobytes: bytes / 1024 / Math.max(1, times.length + errors) };
}

async function main() {
  const h = httpOptions(process.argv.slice(2));
  const o = parseOptions(h.rest);
  const kind: BenchKind = o.reuse ? o.databases[0] : o.databases.length === 1 ? o.databases[0] : "sqlite";
  const bench = o.reuse ? existingBenchDatabase(o.reuse) : await createBenchDatabase(kind);
  const db = createBenchClient(bench);
  let server: ChildProcess | null = null;
  try {
    console.log(`helpdesk HTTP benchmark on ${kind}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
    const filled = o.reuse ? await describeExisting(db) : await fill(db, bench, o);
    console.log(`  ${filled.counts.tickets.toLocaleString("en")} tickets`);
    const passwordHash = await hashPassword(PASSWORD);
    const agents = await db.staff.findMany({ where: { id: { in: [filled.adminId, filled.benchAgentId] } }, select: { id: true, email: true } });
    await db.staff.updateMany({ where: { id: { in: agents.map((a) => a.id) } }, data: { passwordHash } });
    // The server migrates the database first; on SQLite it needs this client's lock released.
    await db.$disconnect();
    server = await startServer(bench.url, h.port, h.profile);
    const base = `http://127.0.0.1:${h.port}`;
    const pages = ["/agent/tickets?queue=open", "/agent/tickets?queue=open&sort=priority", "/agent/tickets?queue=mine", "/agent"];
    console.log(`  ${h.concurrency} requests in flight, ${h.seconds} s a page\n`);
    console.log("| who | page | pages/s | median ms | p99 ms | KB a page | errors |\n|---|---|---|---|---|---|---|");
    for (const who of [filled.benchAgentId, filled.adminId]) {
      const email = agents.find((a) => a.id === who)!.email;
      const cookie = await signIn(base, email);
      for (const page of pages) {
        await load(`${base}${page}`, cookie, 2, h.concurrency);
        const r = await load(`${base}${page}`, cookie, h.seconds, h.concurrency);
        console.log(`| ${who === filled.adminId ? "admin" : "agent"} | ${page} | ${r.perSecond.toFixed(1)} | ${r.median.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.kilobytes.toFixed(0)} | ${r.errors} |`);
      }
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await db.$disconnect();
    if (o.keep || o.reuse) console.log(`kept: DATABASE_URL=${bench.url}`);
    else await bench.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
