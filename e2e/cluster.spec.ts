// `npm start` on a multi-core VM: a cluster of worker processes (WEB_CONCURRENCY) behind one port,
// started from a data folder whose path has spaces (as C:\ProgramData\Help Desk). Exactly one
// worker polls mail and one sends the outbox; when that worker dies, the primary starts it again
// and the job is taken over within the lease's time to live, while pages keep being served. Every
// process's lines reach the rotated log file in that data folder, whole and without the secret.
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startOwnServer, type OwnServer } from "./own-server";

const PORT = Number(process.env.E2E_OWN_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 3);
const onPostgres = /^postgres(ql)?:/.test(process.env.E2E_DATABASE_URL ?? "");

type Lease = { name: string; holder: string; expiresAt: Date };

async function leases(databaseUrl: string): Promise<Lease[]> {
  if (onPostgres) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(`SELECT name, holder, "expiresAt" FROM "Lease" WHERE "expiresAt" > now()`)).rows as Lease[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(databaseUrl.replace(/^file:/, ""), { readonly: true });
  try {
    const rows = db.prepare(`SELECT name, holder, expiresAt FROM "Lease"`).all() as { name: string; holder: string; expiresAt: number }[];
    return rows.map((r) => ({ ...r, expiresAt: new Date(r.expiresAt) })).filter((r) => r.expiresAt > new Date());
  } finally {
    db.close();
  }
}

const pidOf = (holder: string) => Number(holder.split(":").at(-2));
const SECRET = `planted-session-secret-${Date.now()}-0123456789abcdef`;

/** Every line of the log files in the data folder (JSON lines, scripts/log-files.mjs). */
function logLines(dataDir: string): { pid?: number; msg?: string }[] {
  const dir = path.join(dataDir, "logs");
  const files = fs.readdirSync(dir).filter((f) => /^helpdesk\..*\.log$/.test(f));
  const text = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("");
  expect(text).not.toContain(SECRET);
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

test.describe("several worker processes", () => {
  let server: OwnServer;
  let spaced: string;
  let databaseUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    spaced = fs.mkdtempSync(path.join(os.tmpdir(), "Help Desk data "));
    const sqliteUrl = `file:${path.join(spaced, "helpdesk.db")}`;
    server = await startOwnServer(PORT, { WEB_CONCURRENCY: "2", LEASE_TTL_SECONDS: "3", IMAP_POLLER: "1", DATA_DIR: spaced, NEXTAUTH_SECRET: SECRET, LOG_LEVEL: "info", ...(onPostgres ? {} : { DATABASE_URL: sqliteUrl }) });
    databaseUrl = onPostgres ? server.databaseUrl : sqliteUrl;
  });

  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(spaced, { recursive: true, force: true });
  });

  test("[OPS] two workers serve, one polls and one sends; a dead worker's job is taken over", async ({ request }) => {
    test.setTimeout(180_000);
    // Both workers start and beat: the health check counts them.
    await expect.poll(async () => (await (await request.get(`${server.url}/api/health`)).json()).processes, { timeout: 60_000 }).toBe(2);
    const health = await (await request.get(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: "ok", outbox: { sender: "running" }, mail: { poller: "running" } });
    expect(health.disk.freeBytes).toBeGreaterThan(0);

    const live = await leases(databaseUrl);
    const servers = live.filter((l) => l.name.startsWith("server:"));
    expect(servers).toHaveLength(2);
    const poller = live.filter((l) => l.name === "mail-poller");
    expect(poller).toHaveLength(1);
    expect(live.filter((l) => l.name === "outbox-sender")).toHaveLength(1);
    const workerPids = servers.map((s) => pidOf(s.holder));
    expect(workerPids).toContain(pidOf(poller[0].holder));

    // The poller's worker dies without a chance to let go.
    const victim = pidOf(poller[0].holder);
    process.kill(victim, "SIGKILL");
    await expect
      .poll(async () => {
        const now = await leases(databaseUrl);
        const holder = now.find((l) => l.name === "mail-poller")?.holder;
        return holder ? pidOf(holder) !== victim : false;
      }, { timeout: 30_000 })
      .toBe(true);
    // Pages are served throughout, and the replacement worker joins.
    expect((await request.get(`${server.url}/`)).status()).toBe(200);
    await expect.poll(async () => (await (await request.get(`${server.url}/api/health`)).json()).processes, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const after = await leases(databaseUrl);
    expect(after.filter((l) => l.name === "mail-poller")).toHaveLength(1);
    expect(after.filter((l) => l.name === "outbox-sender")).toHaveLength(1);
    expect(fs.existsSync(path.join(spaced, "auth-secret")) || onPostgres || fs.existsSync(path.join(spaced, "helpdesk.db"))).toBe(true);

    // The log file in the data folder has the start script's lines, the workers' (both the first
    // two and the replacement) and the primary's note of the dead worker, each a whole JSON line.
    await expect.poll(() => logLines(spaced).some((l) => /worker \d stopped/.test(l.msg ?? "")), { timeout: 10_000 }).toBe(true);
    const lines = logLines(spaced);
    expect(lines.some((l) => l.msg?.includes("Help desk is starting"))).toBe(true);
    const pids = new Set(lines.map((l) => l.pid));
    for (const pid of workerPids) expect(pids).toContain(pid);
  });
});
