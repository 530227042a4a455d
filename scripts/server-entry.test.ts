// The server entry writes the socket's peer address into x-helpdesk-peer before the app sees the
// request, replacing a client's own copy. A stand-in "standalone server" echoes the headers back.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let port: number;
let child: ReturnType<typeof spawn>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "server entry "));
  fs.writeFileSync(
    path.join(dir, "server.js"),
    `require("node:http").createServer((req, res) => res.end(JSON.stringify(req.headers))).listen(0, "127.0.0.1", function () { console.log("PORT " + this.address().port); });`,
  );
  child = spawn(process.execPath, [path.join(__dirname, "server-entry.cjs"), dir], { stdio: ["ignore", "pipe", "inherit"] });
  port = await new Promise<number>((resolve) => child.stdout!.on("data", (d: Buffer) => { const m = /PORT (\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); }));
});

afterAll(() => {
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("server entry", () => {
  it("sets the peer address and overwrites one the client sent", async () => {
    const plain = await (await fetch(`http://127.0.0.1:${port}/`)).json();
    expect(plain["x-helpdesk-peer"]).toBe("127.0.0.1");
    const spoofed = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-helpdesk-peer": "203.0.113.7", "x-forwarded-for": "203.0.113.7" } })).json();
    expect(spoofed["x-helpdesk-peer"]).toBe("127.0.0.1");
    expect(spoofed["x-forwarded-for"]).toBe("203.0.113.7");
  });
});
