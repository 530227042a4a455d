// npm start with WEB_CONCURRENCY=2: the server entry becomes a cluster primary with two workers on
// one port, each with the request guard and the peer header; notes from one worker reach the
// other; a worker that dies is started again; the workers' output leaves the primary in whole lines.
// A stand-in "standalone server" answers for itself.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const STAND_IN = `
const http = require("node:http");
const notes = [];
process.on("message", (m) => { if (m && m.helpdeskNote) notes.push(m.helpdeskNote); });
http.createServer((req, res) => {
  const me = { pid: process.pid, worker: process.env.HELPDESK_WORKER, peer: req.headers["x-helpdesk-peer"], notes };
  if (req.url === "/note") process.send({ helpdeskNote: "queue-counts-changed" });
  if (req.url === "/shout") for (let i = 0; i < 5; i++) process.stdout.write(JSON.stringify({ shout: process.pid, i, pad: String(process.pid).repeat(40000) }) + "\\n");
  if (req.url === "/crash") { res.end(JSON.stringify(me)); return setTimeout(() => process.exit(3), 50); }
  res.setHeader("connection", "close");
  res.end(JSON.stringify(me));
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("LISTENING " + process.pid));
`;

type Me = { pid: number; worker: string; peer: string; notes: string[] };

function get(port: number, url: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: url, method, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    // A connection handed to a worker in the moment it dies can be left without an answer.
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer to ${url} within 5 s`)));
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

let dir: string;
let port: number;
let primary: ChildProcess;
let output = "";

async function seenPids(times: number): Promise<Map<number, Me>> {
  const seen = new Map<number, Me>();
  for (let i = 0; i < times; i++) {
    const me = JSON.parse((await get(port, "/whoami")).body) as Me;
    seen.set(me.pid, me);
  }
  return seen;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cluster entry "));
  fs.writeFileSync(path.join(dir, "server.js"), STAND_IN);
  port = await freePort();
  primary = spawn(process.execPath, [path.join(__dirname, "server-entry.cjs"), dir], { env: { ...process.env, WEB_CONCURRENCY: "2", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  primary.stdout!.on("data", (d) => (output += d));
  primary.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 20_000;
  while ((output.match(/LISTENING/g) ?? []).length < 2) {
    if (Date.now() > deadline) throw new Error(`workers did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  if (primary.exitCode === null) {
    primary.kill("SIGTERM");
    await new Promise((r) => primary.once("exit", r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("server entry with WEB_CONCURRENCY=2", () => {
  it("serves from two worker processes on one port, each setting the peer address", async () => {
    const seen = await seenPids(20);
    expect(seen.size).toBe(2);
    expect([...seen.values()].map((m) => m.worker).sort()).toEqual(["1", "2"]);
    for (const me of seen.values()) expect(me.peer).toBe("127.0.0.1");
    expect(seen.has(primary.pid!)).toBe(false);
  });

  it("has the request guard in every worker: a cross-site form post is refused by each", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 10; i++) statuses.add((await get(port, "/agent", { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded", "next-action": "x", "content-length": "0" }, "POST")).status);
    expect([...statuses]).toEqual([403]);
  });

  it("relays a note from one worker to the other", async () => {
    const sender = JSON.parse((await get(port, "/note")).body) as Me;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const others = [...(await seenPids(6)).values()].filter((m) => m.pid !== sender.pid);
      if (others.some((m) => m.notes.includes("queue-counts-changed"))) break;
      if (Date.now() > deadline) throw new Error("the other worker never heard the note");
    }
    const again = (await seenPids(6)).get(sender.pid);
    // The sender does not get its own note back (it has already acted on it).
    if (again) expect(again.notes).toEqual([]);
  });

  it("passes each worker's long log lines on whole, never interleaved with the other's", async () => {
    // Lines far over a pipe's atomic write size (4 KB), printed by both workers at once: written
    // straight to one shared stdout they could be cut into each other.
    await Promise.all(Array.from({ length: 8 }, () => get(port, "/shout")));
    const deadline = Date.now() + 10_000;
    let shouts: string[] = [];
    for (;;) {
      shouts = output.split("\n").filter((l) => l.includes('"shout"'));
      if (shouts.length >= 40 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(shouts).toHaveLength(40);
    const from = new Set<number>();
    for (const line of shouts) {
      const entry = JSON.parse(line) as { shout: number; pad: string };
      expect(entry.pad).toBe(String(entry.shout).repeat(40000));
      from.add(entry.shout);
    }
    expect(from.size).toBe(2);
  });

  // A new worker starts a whole server: seconds alone, much longer on a loaded machine.
  it("starts a worker again when one dies, and keeps serving meanwhile", { timeout: 120_000 }, async () => {
    const victim = JSON.parse((await get(port, "/crash")).body) as Me;
    const deadline = Date.now() + 100_000;
    for (;;) {
      // A request that reached the dying worker is lost with it; the next one goes to a live worker.
      const pids = [...(await seenPids(10).catch(() => new Map<number, Me>())).keys()];
      if (pids.length === 2 && !pids.includes(victim.pid)) break;
      if (Date.now() > deadline) throw new Error(`no replacement worker:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toMatch(/worker \d stopped \(exit code 3\); starting it again/);
  });

  it("stops every worker on SIGTERM", async () => {
    const pids = [...(await seenPids(10)).keys()];
    primary.kill("SIGTERM");
    const code = await new Promise((r) => primary.once("exit", r));
    expect(code).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
