// The server runs as several processes (npm start: a cluster of WEB_CONCURRENCY workers). What one
// process does must hold for the others: writes from several processes at once all succeed, and a
// leased job runs in exactly one of them.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";

const root = path.resolve(__dirname, "..");

function runProcess(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "processes", script), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`))));
  });
}

describe.each(testDatabaseKinds())("several server processes on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("counts every use when three processes write the same rate-limit row at once", async () => {
    const results = await Promise.all([1, 2, 3].map(() => runProcess("rate-limit-writer.ts", [t.url, "contended", "150"])));
    const seen = results.map((r) => JSON.parse(r.trim().split("\n").pop()!) as { failed: number; firstError: string });
    expect(seen.map((s) => s.firstError)).toEqual(["", "", ""]);
    const row = await t.db.rateLimit.findUnique({ where: { key: "contended" } });
    expect(row?.count).toBe(450);
  }, 120_000);
});

type Holder = { child: ChildProcess; lines: string[]; holder: Promise<string> };

function startHolder(url: string, name: string, ttlMs: number): Holder {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "processes", "lease-holder.ts"), url, name, String(ttlMs)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  const holder = new Promise<string>((resolve) => {
    child.stdout!.on("data", (d: Buffer) => {
      for (const line of String(d).split("\n").filter(Boolean)) {
        lines.push(line);
        if (line.startsWith("holder ")) resolve(line.slice(7));
      }
    });
  });
  return { child, lines, holder };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(testDatabaseKinds())("leased jobs across processes on %s", (kind) => {
  let t: TestDatabase;
  const started: Holder[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    for (const h of started) h.child.kill("SIGKILL");
    await t?.drop();
  });

  it("lets exactly one of two processes hold the poller's lease, and the other take over when the holder dies", async () => {
    const ttlMs = 1500;
    const a = startHolder(t.url, "mail-poller", ttlMs);
    const b = startHolder(t.url, "mail-poller", ttlMs);
    started.push(a, b);
    const holders = { [await a.holder]: a, [await b.holder]: b };
    const first = await until("a holder", async () => (await t.db.lease.findUnique({ where: { name: "mail-poller" } }))?.holder);
    const winner = holders[first];
    const other = winner === a ? b : a;
    await until("the winner to say so", () => (winner.lines.some((l) => l.startsWith("held")) ? true : undefined));
    // Over several renewals, the other never holds it.
    await new Promise((r) => setTimeout(r, ttlMs * 2));
    expect(other.lines.filter((l) => l.startsWith("held"))).toEqual([]);
    expect((await t.db.lease.findUnique({ where: { name: "mail-poller" } }))?.holder).toBe(first);

    // The holder dies without releasing anything: the other takes over once the claim expires.
    const killedAt = Date.now();
    winner.child.kill("SIGKILL");
    const tookOver = await until("the takeover", () => other.lines.find((l) => l.startsWith("held")), 20_000);
    const tookOverAt = Number(tookOver.split(" ")[1]);
    expect(tookOverAt - killedAt).toBeLessThan(ttlMs * 3);
    expect((await t.db.lease.findUnique({ where: { name: "mail-poller" } }))?.holder).toBe(await other.holder);
  }, 90_000);

  it("hands the lease over at once when the holder stops cleanly", async () => {
    const ttlMs = 60_000;
    const a = startHolder(t.url, "outbox-sender", ttlMs);
    started.push(a);
    await until("a to hold it", () => (a.lines.some((l) => l.startsWith("held")) ? true : undefined));
    const b = startHolder(t.url, "outbox-sender", ttlMs);
    started.push(b);
    await b.holder;
    a.child.kill("SIGTERM");
    // Far sooner than the minute-long claim would expire: B renews every 20 s, so it asks again then.
    await until("b to take over", () => (b.lines.some((l) => l.startsWith("held")) ? true : undefined), 45_000);
  }, 90_000);
});
