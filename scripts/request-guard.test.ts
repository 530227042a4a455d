// The raw-request guard: what it refuses (pure), then through the real server entry in front of a
// stand-in "standalone server" that records what reached it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
type RawRequest = { method: string; url: string; headers: Record<string, string> };
const guard = createRequire(import.meta.url)("./request-guard.cjs") as { refusalFor(req: RawRequest, env?: Record<string, string>): { status: number; message: string } | null };

const MB = 1024 * 1024;
const EDGE = Symbol.for("helpdesk.edge");
const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers: { host: "help.example.com", ...headers } });
const env = { APP_URL: "https://help.example.com" };

describe("refusalFor", () => {
  it("lets reads and same-site form posts through", () => {
    expect(guard.refusalFor(req("GET", "/open"), env)).toBeNull();
    expect(guard.refusalFor(req("POST", "/open", { origin: "https://help.example.com", "content-length": "1000" }), env)).toBeNull();
    // Behind a proxy that rewrites Host: X-Forwarded-Host names the public host, default port or not.
    expect(guard.refusalFor(req("POST", "/agent", { host: "127.0.0.1:3000", "x-forwarded-host": "help.example.com:443", origin: "https://help.example.com" }), {})).toBeNull();
    expect(guard.refusalFor(req("POST", "/agent", { host: "127.0.0.1:3000", origin: "https://help.example.com" }), env)).toBeNull();
    expect(guard.refusalFor(req("POST", "/agent", { host: "localhost:3000", origin: "http://localhost:3000" }), {})).toBeNull();
  });

  it.each([
    ["no Origin", {}],
    ['Origin "null"', { origin: "null" }],
    ["another site", { origin: "https://evil.example" }],
    ["a look-alike host", { origin: "https://help.example.com.evil.example" }],
    ["another port", { origin: "https://help.example.com:8443" }],
    ["a cross-site fetch", { origin: "https://help.example.com", "sec-fetch-site": "cross-site" }],
    ["an unparsable Origin", { origin: "::::" }],
  ])("refuses a form post with %s: 403", (_name, headers) => {
    const refusal = guard.refusalFor(req("POST", "/t/123/abc", headers), env);
    expect(refusal?.status).toBe(403);
    expect(refusal?.message).toMatch(/another site/);
  });

  it("leaves the API routes to their keys and limits, but not next-auth's sign-in", () => {
    expect(guard.refusalFor(req("POST", "/api/tickets.json", { "content-length": String(50 * MB) }), env)).toBeNull();
    expect(guard.refusalFor(req("POST", "/api/tickets.email"), env)).toBeNull();
    expect(guard.refusalFor(req("POST", "/api/auth/callback/credentials", { "content-length": "300" }), env)).toBeNull();
    expect(guard.refusalFor(req("POST", "/api/auth/callback/credentials", { "content-length": String(2 * MB) }), env)?.status).toBe(413);
  });

  it("refuses a body larger than the route allows from its Content-Length: uploads by the settings, other forms 1 MB", () => {
    const same = { origin: "https://help.example.com" };
    (globalThis as Record<symbol, unknown>)[EDGE] = { uploads: { limitBytes: 11 * MB, maxTotalMb: 10 } };
    try {
      expect(guard.refusalFor(req("POST", "/open", { ...same, "content-length": String(11 * MB) }), env)).toBeNull();
      const big = guard.refusalFor(req("POST", "/open", { ...same, "content-length": String(11 * MB + 1) }), env);
      expect(big).toEqual({ status: 413, message: expect.stringMatching(/add up to 10 MB/) });
      expect(guard.refusalFor(req("POST", "/agent/tickets/482913", { ...same, "content-length": String(12 * MB) }), env)?.status).toBe(413);
      expect(guard.refusalFor(req("POST", "/t/482913/tok?x=1", { ...same, "content-length": String(10 * MB) }), env)).toBeNull();
      expect(guard.refusalFor(req("POST", "/admin/settings", { ...same, "content-length": String(2 * MB) }), env)).toEqual({ status: 413, message: expect.stringMatching(/at most 1 MB/) });
      expect(guard.refusalFor(req("POST", "/agent/tickets", { ...same, "content-length": String(2 * MB) }), env)?.status).toBe(413);
      // Never above Next's own ceiling, whatever the settings say.
      (globalThis as Record<symbol, unknown>)[EDGE] = { uploads: { limitBytes: 201 * MB, maxTotalMb: 200 } };
      expect(guard.refusalFor(req("POST", "/open", { ...same, "content-length": String(31 * MB) }), env)?.status).toBe(413);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[EDGE];
    }
  });
});

describe("the guard in the server entry", () => {
  let dir: string;
  let port: number;
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "request guard "));
    // The stand-in reads every body and answers with what it saw, and whether the process was marked.
    fs.writeFileSync(
      path.join(dir, "server.js"),
      `require("node:http").createServer((req, res) => { let n = 0; req.on("data", (c) => (n += c.length)); req.on("end", () => res.end(JSON.stringify({ bytes: n, peer: req.headers["x-helpdesk-peer"], marked: !!globalThis[Symbol.for("helpdesk.edge")]?.peerHeader }))); }).listen(0, "127.0.0.1", function () { console.log("PORT " + this.address().port); });`,
    );
    child = spawn(process.execPath, [path.join(__dirname, "server-entry.cjs"), dir], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, APP_URL: "http://127.0.0.1" } });
    port = await new Promise<number>((resolve) => child.stdout!.on("data", (d: Buffer) => { const m = /PORT (\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); }));
  });

  afterAll(() => {
    child?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A raw request, so the test decides every header and can stream a body of any size. */
  function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; chunks?: number }): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders } | { error: string }> {
    return new Promise((resolve) => {
      const r = http.request({ host: "127.0.0.1", port, method: opts.method ?? "POST", path: opts.path, headers: opts.headers }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c) => (text += c)).on("end", () => resolve({ status: res.statusCode!, text, headers: res.headers }));
      });
      r.on("error", (e) => resolve({ error: e.message }));
      if (opts.chunks) {
        const chunk = Buffer.alloc(MB, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < opts.chunks!) {
            sent++;
            if (!r.write(chunk)) return void r.once("drain", pump);
          }
          r.end();
        };
        pump();
      } else r.end(opts.body);
    });
  }

  it("marks the process and passes same-site posts through with the peer address", async () => {
    const res = await send({ path: "/open", headers: { origin: `http://127.0.0.1:${port}`, "content-type": "text/plain" }, body: Buffer.from("hello") });
    expect(res).toMatchObject({ status: 200 });
    expect(JSON.parse((res as { text: string }).text)).toEqual({ bytes: 5, peer: "127.0.0.1", marked: true });
  });

  it("answers an Origin-less action post with 403 and a short text; the app never sees it", async () => {
    const res = await send({ path: "/status", headers: { "next-action": "abc123", "content-type": "text/plain;charset=UTF-8" }, body: Buffer.from("[]") });
    expect(res).toMatchObject({ status: 403, headers: { "content-type": "text/plain" } });
    expect((res as { text: string }).text).toMatch(/^Refused: this form was sent from another site/);
  });

  it("answers a cross-site plain form post with a small page", async () => {
    const res = await send({ path: "/open", headers: { origin: "https://evil.example", accept: "text/html", "content-type": "application/x-www-form-urlencoded" }, body: Buffer.from("a=1") });
    expect(res).toMatchObject({ status: 403, headers: { "content-type": "text/html; charset=utf-8" } });
    expect((res as { text: string }).text).toContain('<a href="/open"');
  });

  it("refuses an oversized body from its Content-Length before reading it, and stays up", async () => {
    const res = await send({ path: "/open", headers: { origin: `http://127.0.0.1:${port}`, "next-action": "abc", "content-length": String(40 * MB) }, chunks: 40 });
    expect(res).toMatchObject({ status: 413 });
    expect((res as { text: string }).text).toMatch(/add up to 25 MB/);
    const after = await send({ method: "GET", path: "/" });
    expect(after).toMatchObject({ status: 200 });
  });

  it("reads the rest of an oversized body a proxy sends with Connection: close, so the proxy gets the answer and no reset", async () => {
    // As nginx or ARR forward an upload: "Connection: close", the body streamed behind the headers.
    // Closing once the 413 is written would reset the connection under the proxy's writes (a 502).
    const { answer, error } = await new Promise<{ answer: string; error?: string }>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      let answer = "";
      let error: string | undefined;
      socket.on("data", (d) => (answer += d));
      socket.on("error", (e) => (error = e.message));
      socket.on("close", () => resolve({ answer, error }));
      socket.write(`POST /open HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nAccept: text/html\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${40 * MB}\r\n\r\n`);
      const chunk = Buffer.alloc(MB, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent++;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        socket.end();
      };
      pump();
    });
    expect(error).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain("add up to 25 MB");
  });

  it("cuts a chunked body off at the limit", async () => {
    const res = await send({ path: "/admin/settings", headers: { origin: `http://127.0.0.1:${port}`, "transfer-encoding": "chunked" }, chunks: 5 });
    if ("status" in res) expect(res).toMatchObject({ status: 413, text: expect.stringMatching(/at most 1 MB/) });
    else expect(res.error).toMatch(/socket hang up|ECONNRESET|EPIPE/);
    const ok = await send({ path: "/admin/settings", headers: { origin: `http://127.0.0.1:${port}`, "transfer-encoding": "chunked" }, body: Buffer.alloc(1000) });
    expect(JSON.parse((ok as { text: string }).text)).toMatchObject({ bytes: 1000 });
  });
});
