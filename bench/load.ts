// `npm run bench:load`: 100 concurrent clients for 2 minutes against the production server, on
// SQLite or PostgreSQL, mixing what a busy help desk sees: public submissions, requester replies,
// agent replies and agent queue views. Reports requests and pages per second, p50/p99 per kind,
// and every server error (there should be none).
//
// How each kind arrives: public submissions through POST /api/tickets.json and requester replies
// through the mail pipe (POST /api/tickets.email), the two paths an integration or a mail server
// uses; neither is rate-limited per client address, so 100 clients on one machine are not refused
// as a flood (the portal's form is, by design: 10 new tickets per email address per 10 minutes).
// Agent replies are the workspace's reply server action, posted as the browser posts it; agent
// queue views are GETs of /agent/tickets, both with a signed-in agent's session cookie.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "@/lib/config/api-keys/service";
import { operatorActor } from "@/lib/auth/operator";
import { hashPassword } from "@/lib/auth/password";
import { databaseTarget } from "@/lib/server/database-url";
import { createDb, type Db } from "@/lib/server/prisma";
import { ensureReferenceData } from "@/lib/setup/reference-data";
import { createBenchDatabase, type BenchKind } from "./database";
import { percentile, serverEnv, startServer, stopServer } from "./server";

const USAGE = `Usage: npm run bench:load -- [--db sqlite|postgresql] [--clients N] [--seconds N] [--port N]

  --db KIND      sqlite (default) or postgresql
  --clients N    concurrent clients (default 100)
  --seconds N    how long (default 120)
  --port N       where the server listens (default 3361)
`;

const PASSWORD = "load-bench-password-1";
const root = path.resolve(import.meta.dirname, "..");

function options(argv: string[]) {
  const o = { db: "sqlite" as BenchKind, clients: 100, seconds: 120, port: 3361 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[++i];
    if (flag === "--db" && (value === "sqlite" || value === "postgresql")) o.db = value;
    else if (["--clients", "--seconds", "--port"].includes(flag) && Number.isInteger(Number(value)) && Number(value) > 0) (o as Record<string, unknown>)[flag.slice(2)] = Number(value);
    else throw new Error(USAGE);
  }
  return o;
}

/** The id Next gave the reply action, from the build's server-reference manifest. */
function replyActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === "replyAction" && v.filename?.includes("lib/tickets/actions"));
  if (!entry) throw new Error("replyAction not found in .next/server/server-reference-manifest.json: build first (npm run build)");
  return entry[0];
}

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") }, body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }) });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return [...cookies, session].join("; ");
}

async function setUp(db: Db) {
  await ensureReferenceData(db);
  const dept = await db.department.create({ data: { name: "Load" } });
  const topic = await db.helpTopic.create({ data: { name: "Load", departmentId: dept.id } });
  await db.setting.upsert({ where: { key: "mailDefaultHelpTopicId" }, create: { key: "mailDefaultHelpTopicId", value: String(topic.id) }, update: { value: String(topic.id) } });
  const role = await db.role.findUniqueOrThrow({ where: { name: "Expanded access" } });
  const passwordHash = await hashPassword(PASSWORD);
  const agents: string[] = [];
  for (let i = 0; i < 10; i++) {
    const s = await db.staff.create({ data: { email: `load${i}@example.com`, name: `Load Agent ${i}`, username: `load${i}`, kind: "AGENT", passwordHash } });
    await db.staffDepartment.create({ data: { staffId: s.id, departmentId: dept.id, roleId: role.id } });
    agents.push(s.email);
  }
  const { key } = await createApiKey(db, operatorActor(), { label: "load bench", scopes: ["tickets:create", "mail:pipe"], allowedIps: "" });
  return { topicId: topic.id, agents, key };
}

type Kind = "submit" | "requester-reply" | "agent-reply" | "queue-view";
type Sample = { kind: Kind; ms: number; status: number };

/**
 * How long events took to reach their subscribers: for every ticket opened, from the event's time
 * (set in the opening transaction) to the first outbox row the mail subscriber wrote for the ticket
 * (the automatic answer or the staff alert). A change's own response no longer waits for this.
 */
async function deliveryLag(db: Db) {
  const opened = await db.ticketEvent.findMany({ where: { type: "ticket.opened" }, select: { ticketId: true, createdAt: true } });
  const firstMail = new Map((await db.outboxMessage.groupBy({ by: ["ticketId"], _min: { createdAt: true } })).map((g) => [g.ticketId, g._min.createdAt]));
  const ms = opened.flatMap((e) => {
    const at = firstMail.get(e.ticketId);
    return at ? [at.getTime() - e.createdAt.getTime()] : [];
  }).sort((a, b) => a - b);
  return { events: opened.length, delivered: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.at(-1) ?? 0 };
}

async function main() {
  const o = options(process.argv.slice(2));
  const bench = await createBenchDatabase(o.db);
  const dataDir = fs.mkdtempSync(path.join(bench.kind === "sqlite" ? path.dirname(bench.location) : root, "load-data-"));
  const env = serverEnv(o.port, { DATA_DIR: dataDir, DATABASE_URL: bench.url, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"), HELPDESK_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") });
  Object.assign(process.env, env);
  const db = createDb(databaseTarget(bench.url));
  const org = await setUp(db);
  const actionId = replyActionId();
  const server = await startServer(env);
  const cookies = await Promise.all(org.agents.map((email) => signIn(server.base, email)));
  // A few tickets to reply to from the start.
  const numbers: { number: string; email: string }[] = [];
  const samples: Sample[] = [];
  const errors: string[] = [];
  let conflicts = 0;
  const deadline = Date.now() + o.seconds * 1000;

  async function timed(kind: Kind, run: () => Promise<Response>) {
    const t0 = performance.now();
    const res = await run().catch((e: Error) => ({ status: 0, text: async () => e.message }) as Response);
    samples.push({ kind, ms: performance.now() - t0, status: res.status });
    if (res.status >= 500 || res.status === 0) errors.push(`${kind} ${res.status}: ${(await res.text().catch(() => "")).slice(0, 200)}`);
    return res;
  }

  const api = (p: string, body: string, type: string) => fetch(`${server.base}${p}`, { method: "POST", headers: { "content-type": type, "x-api-key": org.key }, body });

  async function client(c: number) {
    const cookie = cookies[c % cookies.length];
    const email = `requester${c}@example.com`;
    for (let n = 0; Date.now() < deadline; n++) {
      const pick = Math.random();
      if (pick < 0.2 || numbers.length < 5) {
        const res = await timed("submit", () => api("/api/tickets.json", JSON.stringify({ name: `Requester ${c}`, email, subject: `Load ${c}-${n}`, message: "Something is broken.", topicId: org.topicId }), "application/json"));
        if (res.status === 201) numbers.push({ number: (await res.text()).trim(), email });
      } else if (pick < 0.4) {
        const t = numbers[Math.floor(Math.random() * numbers.length)];
        const mail = `From: ${t.email}\r\nTo: support@example.com\r\nSubject: Re: [#${t.number}] Load\r\nMessage-ID: <${crypto.randomUUID()}@load.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nStill broken.\r\n`;
        await timed("requester-reply", () => api("/api/tickets.email", mail, "message/rfc822"));
      } else if (pick < 0.55) {
        const t = numbers[Math.floor(Math.random() * numbers.length)];
        const ticket = await db.ticket.findUnique({ where: { number: t.number }, select: { id: true, version: true } });
        if (!ticket) continue;
        // As React posts a server action whose argument is a FormData: the argument is "$K1", the fields carry the prefix "1_".
        const form = new FormData();
        form.append("1_ticketId", String(ticket.id));
        form.append("1_version", String(ticket.version));
        form.append("1_body", `Looking into it (${c}-${n}).`);
        form.append("1_statusAfter", "");
        form.append("0", JSON.stringify(["$K1"]));
        const res = await timed("agent-reply", () => fetch(`${server.base}/agent/tickets/${encodeURIComponent(t.number)}`, { method: "POST", headers: { cookie, "next-action": actionId, origin: server.base, accept: "text/x-component" }, body: form }));
        const text = await res.text();
        if (text.includes('"code":"CONFLICT"')) conflicts++;
      } else {
        await timed("queue-view", () => fetch(`${server.base}/agent/tickets`, { headers: { cookie }, redirect: "manual" }).then(async (r) => (await r.arrayBuffer(), r)));
      }
    }
  }

  const t0 = Date.now();
  await Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  const seconds = (Date.now() - t0) / 1000;
  await stopServer(server);
  const lag = await deliveryLag(db);
  await db.$disconnect();

  console.log(`\nLoad, ${o.db}, ${o.clients} clients for ${seconds.toFixed(0)} s`);
  console.log(`  ${"kind".padEnd(16)} ${"requests".padStart(9)} ${"per s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}  statuses`);
  for (const kind of ["submit", "requester-reply", "agent-reply", "queue-view"] as Kind[]) {
    const k = samples.filter((s) => s.kind === kind);
    const ms = k.map((s) => s.ms).sort((a, b) => a - b);
    const statuses = Object.entries(k.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {})).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`  ${kind.padEnd(16)} ${String(k.length).padStart(9)} ${(k.length / seconds).toFixed(1).padStart(7)} ${percentile(ms, 50).toFixed(0).padStart(8)} ${percentile(ms, 99).toFixed(0).padStart(8)}  ${statuses}`);
  }
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  console.log(`  ${"all".padEnd(16)} ${String(samples.length).padStart(9)} ${(samples.length / seconds).toFixed(1).padStart(7)} ${percentile(all, 50).toFixed(0).padStart(8)} ${percentile(all, 99).toFixed(0).padStart(8)}`);
  console.log(`  event delivery (ticket opened → its first mail queued by the subscriber), ${lag.delivered} of ${lag.events} events, p50 / p99 / max ms: ${lag.p50.toFixed(0)} / ${lag.p99.toFixed(0)} / ${lag.max.toFixed(0)}`);
  console.log(`  agent replies refused as stale (another agent replied first): ${conflicts}`);
  console.log(`  server errors (5xx or connection failures): ${errors.length}${errors.length ? `\n    ${[...new Set(errors)].slice(0, 10).join("\n    ")}` : ""}`);
  // What the server logged about them (error lines only; the log is already redacted).
  const logged = server.log().split("\n").filter((line) => /"level":(50|60)/.test(line));
  if (errors.length && logged.length) console.log(`  server's error log (last ${Math.min(logged.length, 5)} of ${logged.length}):\n    ${logged.slice(-5).map((l) => l.slice(0, 1500)).join("\n    ")}`);
  await bench.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (errors.length) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
