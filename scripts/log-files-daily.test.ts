// The daily roll of the log files, on a clock moved by libfaketime: the real log writer in a child
// process whose clock starts a minute before midnight UTC and runs 20 times fast, in a zone where
// the local day is another one (Tokyo), fed numbered lines across midnight.
//
// How pino-roll rolls (node_modules/pino-roll): at start it names the file by the day then and sets
// a timer for the next midnight (`next - Date.now()`); when it fires it opens `<new date>.1` and sets
// the next timer. Timers run between reads of input, so a line that arrives just after midnight can
// still go to the old file, and a timer may fire a millisecond early (a second, empty file then).
// The checks leave that much room: a line stamped before midnight is in the old day's file, one
// stamped a while after it (half a second of real time) in the new day's, and none is lost or moved.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needTool } from "../test/tools";
import { openLogSink, pruneLogFiles } from "./log-files.mjs";

const faketime = needTool("faketime");

// Reads lines on stdin; writes each to the log and answers with the time it was written.
const CHILD = `
import readline from "node:readline";
import { openLogSink } from ${JSON.stringify(pathToFileURL(path.join(import.meta.dirname, "log-files.mjs")).href)};
const sink = await openLogSink(process.env);
process.stdout.write("ready " + sink.file + "\\n");
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (n) => {
  sink.line("daily line " + n);
  process.stdout.write("ack " + n + " " + Date.now() + "\\n");
});
input.on("close", () => sink.close().then(() => process.stdout.write("closed\\n")));
`;

const MIDNIGHT = Date.UTC(2099, 11, 3); // 2099-12-03T00:00:00Z
const SPEED = 20;
// Half a second of real time after midnight: by then the roll has run, however busy the machine.
const SETTLED = MIDNIGHT + 500 * SPEED;
const logName = /^helpdesk\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/;
const byDateThenNumber = (a: string, b: string) => {
  const [, da, na] = logName.exec(a)!;
  const [, db, nb] = logName.exec(b)!;
  return da.localeCompare(db) || Number(na) - Number(nb);
};
const logFiles = (dir: string) => fs.readdirSync(dir).filter((f) => logName.test(f)).sort(byDateThenNumber);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "help desk daily logs "));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function seed(logDir: string, names: string[]) {
  fs.mkdirSync(logDir, { recursive: true });
  for (const name of names) fs.writeFileSync(path.join(logDir, name), `${JSON.stringify({ level: 30, msg: `seeded ${name}` })}\n`);
}

/** Sends numbered lines one at a time (each after the last was written) until the child's clock reaches `until`. */
async function feed(child: ChildProcess, until: number) {
  const output = readline.createInterface({ input: child.stdout!, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const next = async () => {
    const { value, done } = await output.next();
    if (done) throw new Error(`The log writer ended early: ${stderr}`);
    return value as string;
  };
  const ready = await next();
  expect(ready).toMatch(/^ready /);
  const acks: { n: number; at: number }[] = [];
  for (let n = 0; ; n++) {
    child.stdin!.write(`${n}\n`);
    const [word, seq, at] = (await next()).split(" ");
    expect([word, Number(seq)]).toEqual(["ack", n]);
    acks.push({ n, at: Number(at) });
    if (Number(at) >= until) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.stdin!.end();
  expect(await next()).toBe("closed");
  return { startedIn: path.basename(ready.slice("ready ".length)), acks };
}

describe("daily log files", faketime.options, () => {
  it("starts a new file at midnight UTC named by the new date, loses no line, and keeps the newest LOG_KEEP", async () => {
    const logDir = path.join(dir, "data folder", "logs");
    // Files of earlier days, as a server that ran before would have left them.
    seed(logDir, ["helpdesk.2099-11-28.1.log", "helpdesk.2099-11-29.1.log", "helpdesk.2099-11-29.2.log", "helpdesk.2099-12-01.1.log"]);
    const child = spawn(faketime.path!, ["-f", `@2099-12-03 08:59:00 x${SPEED}`, process.execPath, "--input-type=module", "-e", CHILD], {
      // Tokyo's day is a day ahead of UTC's at midnight UTC: a roll by local time would show.
      env: { ...process.env, TZ: "Asia/Tokyo", LOG_DIR: logDir, LOG_KEEP: "3", LOG_CONSOLE: "0" },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    try {
      const { startedIn, acks } = await feed(child, SETTLED + 2_000);
      expect(startedIn).toBe("helpdesk.2099-12-02.1.log");
      // The clock did cross midnight with lines on both sides (else the child took too long to start).
      expect(acks.filter((a) => a.at < MIDNIGHT).length).toBeGreaterThan(3);
      expect(acks.filter((a) => a.at >= SETTLED).length).toBeGreaterThan(3);

      const files = logFiles(logDir);
      // Pruned at start and again at the roll: the newest three of everything written remain.
      expect(files).toHaveLength(3);
      expect(files[0]).toBe("helpdesk.2099-12-01.1.log");
      expect(files).toContain("helpdesk.2099-12-02.1.log");
      expect(files).toContain("helpdesk.2099-12-03.1.log");

      const seen: number[] = [];
      for (const name of files) {
        const date = logName.exec(name)![1];
        for (const row of fs.readFileSync(path.join(logDir, name), "utf8").split("\n").filter(Boolean)) {
          const entry = JSON.parse(row) as { msg: string; time?: string };
          if (entry.msg.startsWith("seeded")) {
            expect(entry.msg).toBe(`seeded ${name}`);
            continue;
          }
          const at = Date.parse(entry.time!);
          if (at < MIDNIGHT) expect(date, `${entry.msg} at ${entry.time}`).toBe("2099-12-02");
          if (at >= SETTLED) expect(date, `${entry.msg} at ${entry.time}`).toBe("2099-12-03");
          seen.push(Number(/^daily line (\d+)$/.exec(entry.msg)![1]));
        }
      }
      // Every line once, in order, across the files read oldest first.
      expect(seen).toEqual(acks.map((a) => a.n));
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!);
    }
  });
});

describe("pruning at start", () => {
  it("keeps the newest LOG_KEEP when the server never runs past midnight (a VM shut down every evening)", async () => {
    const logDir = path.join(dir, "restarted");
    seed(logDir, ["helpdesk.2000-01-01.1.log", "helpdesk.2000-01-02.1.log", "helpdesk.2000-01-02.10.log", "helpdesk.2000-01-02.9.log", "helpdesk.log", "notes.txt"]);
    const sink = await openLogSink({ LOG_DIR: logDir, LOG_KEEP: "3", LOG_CONSOLE: "0" });
    sink.line("first line of today");
    await sink.close();
    // By date, then by number (10 after 9); files that are not the help desk's stay.
    expect(fs.readdirSync(logDir).sort()).toEqual(["helpdesk.2000-01-02.10.log", "helpdesk.2000-01-02.9.log", path.basename(sink.file!), "helpdesk.log", "notes.txt"].sort());
    expect(fs.readFileSync(sink.file!, "utf8")).toContain("first line of today");
  });

  it("never deletes the file in use, even when LOG_KEEP is 1", () => {
    const logDir = path.join(dir, "keep one");
    seed(logDir, ["helpdesk.2000-01-01.1.log", "helpdesk.2099-01-01.1.log"]);
    // The file in use sorts oldest here (a clock set back): it stays, the others go.
    const current = path.join(logDir, "helpdesk.2000-01-01.1.log");
    expect(pruneLogFiles(logDir, 1, current)).toEqual(["helpdesk.2099-01-01.1.log"]);
    expect(fs.readdirSync(logDir)).toEqual(["helpdesk.2000-01-01.1.log"]);
  });
});
