// The IIS front end, tested on Linux: nginx generated from the pairings in arr-nginx.ts stands in
// for IIS + ARR with deploy/windows/web.config. First, every pairing is present on both sides; then,
// through real TLS, what the app receives and what the browser gets back.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideClientAddress, parseTrustedProxies } from "@/lib/server/client-address";
import { needTool } from "../tools";
import { ARR_BODY_LIMIT_BYTES, arrStandInConfig, PAIRINGS, type ArrStandIn } from "./arr-nginx";

const root = path.resolve(__dirname, "..", "..");
const webConfig = fs.readFileSync(path.join(root, "deploy", "windows", "web.config"), "utf8");
const guide = fs.readFileSync(path.join(root, "deploy", "windows", "README.md"), "utf8");
const nginx = needTool("nginx");
const openssl = needTool("openssl");

const sample: ArrStandIn = { httpPort: 8080, httpsPort: 8443, upstreamPort: 3000, certFile: "/c", keyFile: "/k", workDir: "/w" };

describe("the nginx stand-in and web.config stay in step", () => {
  it.each(PAIRINGS.map((p) => [p.behaviour, p] as const))("%s", (_, pairing) => {
    expect(webConfig).toMatch(pairing.webConfig);
    expect(arrStandInConfig(sample)).toContain(pairing.nginx(sample));
  });

  it("has the ARR server settings web.config relies on in the Windows guide", () => {
    expect(guide).toContain('/responseBufferLimit:"0"');
    expect(guide).toContain("/enabled:\"True\"");
    for (const variable of ["HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO"]) expect(guide).toContain(`allowedServerVariables /+"[name='${variable}']"`);
    expect(guide).toContain("TRUSTED_PROXIES=127.0.0.1,::1");
  });
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

type Seen = { headers: http.IncomingHttpHeaders; bodyBytes: number; peer: string };

describe("through the stand-in", { ...(nginx.skip || openssl.skip ? { skip: true, meta: nginx.options.meta ?? openssl.options.meta } : {}), timeout: 60_000 }, () => {
  let dir: string;
  let s: ArrStandIn;
  let upstream: http.Server;
  let proxy: ChildProcess;
  let last: Seen | null = null;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "arr stand-in "));
    s = { httpPort: await freePort(), httpsPort: await freePort(), upstreamPort: await freePort(), certFile: path.join(dir, "cert.pem"), keyFile: path.join(dir, "key.pem"), workDir: dir };
    const cert = spawnSync(openssl.path!, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", s.keyFile, "-out", s.certFile, "-days", "1", "-subj", "/CN=localhost"], { encoding: "utf8" });
    expect(cert.status, cert.stderr).toBe(0);
    // The app's stand-in: records what it received; a few paths answer like the app does.
    upstream = http.createServer((req, res) => {
      let bodyBytes = 0;
      req.on("data", (d: Buffer) => (bodyBytes += d.length));
      req.on("end", () => {
        last = { headers: req.headers, bodyBytes, peer: req.socket.remoteAddress ?? "" };
        if (req.url?.startsWith("/_next/static/")) {
          res.setHeader("cache-control", "no-store");
          return res.end("static");
        }
        if (req.url === "/too-large") {
          res.writeHead(413, { "content-type": "text/html" });
          return res.end("<h1>That upload is larger than 25 MB</h1>");
        }
        if (req.url === "/stream") {
          res.writeHead(200, { "content-type": "text/plain" });
          res.write("first part\n");
          return setTimeout(() => res.end("last part\n"), 1500);
        }
        res.end("ok");
      });
    });
    await new Promise<void>((r) => upstream.listen(s.upstreamPort, "127.0.0.1", r));
    const conf = path.join(dir, "nginx.conf");
    fs.writeFileSync(conf, arrStandInConfig(s));
    proxy = spawn(nginx.path!, ["-c", conf, "-p", dir], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    proxy.stderr!.on("data", (d) => (err += d));
    const deadline = Date.now() + 10_000;
    while (!(await call({ path: "/" }).then(() => true, () => false))) {
      if (Date.now() > deadline || proxy.exitCode !== null) throw new Error(`nginx did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    proxy?.kill("SIGTERM");
    await new Promise((r) => upstream?.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; firstChunkAt: number; endAt: number };

  function call(options: { path: string; method?: string; headers?: Record<string, string>; body?: Buffer; plain?: boolean }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const request = (options.plain ? http : https).request(
        { host: "127.0.0.1", port: options.plain ? s.httpPort : s.httpsPort, path: options.path, method: options.method ?? "GET", headers: { host: `localhost:${options.plain ? s.httpPort : s.httpsPort}`, ...options.headers }, localAddress: "127.0.0.2", rejectUnauthorized: false, agent: false },
        (res) => {
          let body = "";
          let firstChunkAt = 0;
          res.on("data", (d) => {
            firstChunkAt ||= Date.now() - started;
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, firstChunkAt, endAt: Date.now() - started }));
        },
      );
      request.on("error", reject);
      request.end(options.body);
    });
  }

  it("forwards the host with its port, https, and appends the real client with its port after what it sent", async () => {
    await call({ path: "/agent?x=1", headers: { "x-forwarded-for": "203.0.113.66" } });
    expect(last!.headers["x-forwarded-host"]).toBe(`localhost:${s.httpsPort}`);
    expect(last!.headers["x-forwarded-proto"]).toBe("https");
    expect(last!.headers["x-forwarded-for"]).toMatch(/^203\.0\.113\.66, 127\.0\.0\.2:\d+$/);
    // The app, trusting only the proxy on this machine, sees the real client, not the claimed one.
    const trusted = parseTrustedProxies("127.0.0.1,::1").ranges;
    expect(decideClientAddress(last!.peer, String(last!.headers["x-forwarded-for"]), trusted)).toBe("127.0.0.2");
  });

  it("redirects plain http to https with the path and query", async () => {
    const answer = await call({ path: "/t/12/abc?x=1", plain: true });
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe(`https://localhost:${s.httpsPort}/t/12/abc?x=1`);
  });

  it("caches Next's built files for a year", async () => {
    expect((await call({ path: "/_next/static/chunks/a.js" })).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("streams: the first part arrives before the app has finished", async () => {
    const answer = await call({ path: "/stream" });
    expect(answer.body).toBe("first part\nlast part\n");
    expect(answer.endAt - answer.firstChunkAt).toBeGreaterThan(1000);
  });

  it("passes the app's own error page through", async () => {
    const answer = await call({ path: "/too-large", method: "POST", body: Buffer.alloc(1000) });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("That upload is larger than 25 MB");
  });

  it("lets a body at its limit reach the app, and refuses one over it", async () => {
    const atLimit = await call({ path: "/upload", method: "POST", body: Buffer.alloc(ARR_BODY_LIMIT_BYTES) });
    expect(atLimit.status, fs.readFileSync(path.join(dir, "error.log"), "utf8")).toBe(200);
    expect(last!.bodyBytes).toBe(ARR_BODY_LIMIT_BYTES);
    const over = await call({ path: "/upload", method: "POST", body: Buffer.alloc(ARR_BODY_LIMIT_BYTES + 1) });
    expect(over.status).toBe(413);
  });
});
