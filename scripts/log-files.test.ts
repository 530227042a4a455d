// The log files, written from a real child process's output into a folder whose path has spaces:
// rotated by size with nothing lost, old files pruned to LOG_KEEP, and a planted secret cut out.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { environmentSecrets, logSettings, openLogSink } from "./log-files.mjs";

const SECRET = "planted-secret-value-9f8e7d6c5b4a";
const LINES = 4000;
// Prints LINES numbered lines: JSON lines on stdout (some carrying the secret, as a careless
// library might), plain text on stderr every tenth line (some in braces, yet not JSON).
const CHILD = `
for (let i = 0; i < ${LINES}; i++) {
  if (i % 10 === 9) process.stderr.write((i % 20 === 19 ? "{ plain line " + i + " secret=" + process.env.NEXTAUTH_SECRET + " }" : "plain line " + i + " secret=" + process.env.NEXTAUTH_SECRET) + "\\n");
  else process.stdout.write(JSON.stringify({ level: 30, seq: i, msg: "line " + i + (i % 7 === 0 ? " " + process.env.NEXTAUTH_SECRET : ""), pad: "x".repeat(120) }) + "\\n");
}
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "help desk logs "));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function runChild(env: Record<string, string>) {
  const sink = await openLogSink(env);
  const child = spawn(process.execPath, ["-e", CHILD], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  await sink.pipe(child);
  await sink.close();
  return sink;
}

const logFiles = (logDir: string) => fs.readdirSync(logDir).filter((f) => /^helpdesk\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f)).sort();

describe("log settings", () => {
  it("defaults to <data>/logs, 10 MB files, 14 kept, console on", () => {
    expect(logSettings({ DATA_DIR: path.join(dir, "data") })).toEqual({ enabled: true, dir: path.join(dir, "data", "logs"), maxSize: "10m", keep: 14, console: true });
    expect(logSettings({ LOG_DIR: path.join(dir, "elsewhere"), LOG_FILES: "0", LOG_CONSOLE: "0", LOG_KEEP: "3", LOG_MAX_SIZE: "500K" })).toMatchObject({ enabled: false, dir: path.join(dir, "elsewhere"), maxSize: "500k", keep: 3, console: false });
  });

  it("refuses sizes and counts it does not understand", () => {
    expect(() => logSettings({ LOG_MAX_SIZE: "10 MB" })).toThrow(/LOG_MAX_SIZE/);
    expect(() => logSettings({ LOG_KEEP: "0" })).toThrow(/LOG_KEEP/);
  });

  it("knows the environment's secrets, the password inside a database URL among them", () => {
    expect(environmentSecrets({ NEXTAUTH_SECRET: SECRET, DATABASE_URL: "postgresql://u:db%20pass%21@h/db", HELPDESK_ENCRYPTION_KEY_PREVIOUS: "old-key-one, old-key-two" })).toEqual(
      expect.arrayContaining([SECRET, "db pass!", "old-key-one", "old-key-two"]),
    );
  });
});

describe("log files", () => {
  it("rotates by size without losing or splitting a line, and cuts the secret out", async () => {
    const logDir = path.join(dir, "data folder", "logs");
    const sink = await runChild({ DATA_DIR: path.join(dir, "data folder"), LOG_MAX_SIZE: "40k", LOG_KEEP: "1000", LOG_CONSOLE: "0", NEXTAUTH_SECRET: SECRET });
    expect(sink.file).toMatch(/helpdesk\.\d{4}-\d{2}-\d{2}\.\d+\.log$/);
    const files = logFiles(logDir);
    expect(files.length).toBeGreaterThan(4);
    const seen = new Set<number>();
    for (const name of files) {
      const text = fs.readFileSync(path.join(logDir, name), "utf8");
      expect(text).not.toContain(SECRET);
      // A file is rolled once it passes the limit, checked after each burst of lines (a pipe read).
      expect(Buffer.byteLength(text)).toBeLessThan(40 * 1024 + 64 * 1024 + 400);
      for (const row of text.split("\n").filter(Boolean)) {
        const entry = JSON.parse(row) as { seq?: number; msg: string; level: number };
        const seq = entry.seq ?? Number(/^\{? ?plain line (\d+)/.exec(entry.msg)?.[1]);
        if (entry.seq === undefined) expect(entry.level).toBe(50);
        expect(seen.has(seq)).toBe(false);
        seen.add(seq);
      }
    }
    expect(seen.size).toBe(LINES);
    expect(fs.readFileSync(path.join(logDir, files[0]), "utf8")).toContain("[redacted]");
  });

  it("keeps only the newest LOG_KEEP files, those of earlier runs included", async () => {
    const logDir = path.join(dir, "kept logs");
    await runChild({ LOG_DIR: logDir, LOG_MAX_SIZE: "40k", LOG_KEEP: "1000", LOG_CONSOLE: "0" });
    const before = logFiles(logDir);
    expect(before.length).toBeGreaterThan(4);
    await runChild({ LOG_DIR: logDir, LOG_MAX_SIZE: "40k", LOG_KEEP: "3", LOG_CONSOLE: "0" });
    // Pruning runs after each roll, in the background: give the last one a moment.
    const deadline = Date.now() + 5_000;
    while (logFiles(logDir).length > 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const after = logFiles(logDir);
    expect(after).toHaveLength(3);
    const number = (f: string) => Number(f.split(".").at(-2));
    expect(Math.min(...after.map(number))).toBeGreaterThan(Math.max(...before.map(number)));
  });

  it.skipIf(!fs.existsSync(path.join(path.sep, "proc", "self", "fd")))("keeps the server going when the file cannot be written, and says so once", async () => {
    const logDir = path.join(dir, "failing");
    const sink = await openLogSink({ LOG_DIR: logDir, LOG_CONSOLE: "0" });
    sink.line("before");
    // The disk goes away under the writer: its file descriptor stops working.
    const fds = path.join(path.sep, "proc", "self", "fd");
    const fd = fs.readdirSync(fds).map(Number).find((n) => fs.readlinkSync(path.join(fds, String(n)), { encoding: "utf8" }) === sink.file);
    expect(fd).toBeDefined();
    fs.closeSync(fd!);
    const said: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => said.push(String(text)) > 0) as typeof process.stderr.write;
    try {
      sink.line("after one");
      sink.line("after two");
      await sink.close();
    } finally {
      process.stderr.write = write;
    }
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/cannot be written \(EBADF\); logging to the console only/);
    expect(fs.readFileSync(sink.file!, "utf8")).toContain('"msg":"before"');
  });

  it("writes nothing to disk with LOG_FILES=0", async () => {
    const logDir = path.join(dir, "off");
    const sink = await runChild({ LOG_DIR: logDir, LOG_FILES: "0", LOG_CONSOLE: "0" });
    expect(sink.file).toBeNull();
    expect(fs.existsSync(logDir)).toBe(false);
  });
});
