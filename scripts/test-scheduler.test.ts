// The scheduler of `npm test`, with real child processes: no more suites at once than allowed, a
// suite only after the suites it needs have passed, and every line of output kept and labelled.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { askedFor } from "./test-prerequisites.cjs";
import { leftOutSuites, runSuites, stopAll, type Suite } from "./test-scheduler.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-scheduler-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A suite that records when it started and ended (in its own file), prints, and exits with `code`. */
function suite(id: string, { ms = 300, code = 0, needs, priority }: { ms?: number; code?: number; needs?: string[]; priority?: number } = {}): Suite {
  const times = path.join(dir, `${id}.times`);
  const script = `const fs=require("fs");const s=Date.now();console.log("hello from ${id}");console.error("line two\\r\\npartial");setTimeout(()=>{fs.writeFileSync(${JSON.stringify(times)},s+" "+Date.now());process.exit(${code})},${ms});`;
  return { id, needs, priority, command: [process.execPath, "-e", script], cwd: dir, env: process.env };
}
/** Whether a process still runs: a zombie (ended, not yet reaped by whoever adopted it) does not. */
function alive(pid: number) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !fs.existsSync(stat) || fs.readFileSync(stat, "utf8").split(") ")[1]?.[0] !== "Z";
}
const times = (id: string) => fs.readFileSync(path.join(dir, `${id}.times`), "utf8").split(" ").map(Number);

describe("runSuites", () => {
  it("runs at most `jobs` suites at once, each after the suites it needs", async () => {
    const logDir = path.join(dir, "logs");
    const output: string[] = [];
    const results = await runSuites([suite("a"), suite("b"), suite("c"), suite("d", { needs: ["a"] })], { jobs: 2, logDir, write: (s) => output.push(s) });
    expect(results.map((r) => [r.id, r.status])).toEqual([["a", "passed"], ["b", "passed"], ["c", "passed"], ["d", "passed"]]);

    const spans = ["a", "b", "c", "d"].map(times);
    const most = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
    expect(most).toBeLessThanOrEqual(2);
    expect(times("d")[0]).toBeGreaterThanOrEqual(times("a")[1]);
    // The first two ran side by side.
    expect(times("b")[0]).toBeLessThan(times("a")[1]);

    const text = output.join("");
    expect(text).toContain("a │ hello from a\n");
    expect(text).toContain("d │ line two\nd │ partial\n");
    expect(fs.readFileSync(path.join(logDir, "d.log"), "utf8")).toContain("hello from d");
    for (const r of results) expect(r.ms).toBeGreaterThan(0);
  });

  it("fails a suite that exits non-zero and does not run what needs it", async () => {
    const results = await runSuites([suite("build", { code: 3 }), suite("browser", { needs: ["build"] }), suite("lint")], { jobs: 3, logDir: path.join(dir, "logs2"), write: () => {} });
    expect(results).toEqual([
      expect.objectContaining({ id: "build", status: "failed", reason: "exit code 3" }),
      { id: "browser", status: "skipped", reason: "not run: build did not pass" },
      expect.objectContaining({ id: "lint", status: "passed" }),
    ]);
  });

  it("starts the suites in priority order, prepares and cleans up around each, and lets finish read the result", async () => {
    const events: string[] = [];
    const results = await runSuites(
      [
        { ...suite("late", { ms: 50, priority: 2 }), prepare: () => void events.push("prepare late") },
        {
          ...suite("early", { ms: 50, priority: 1 }),
          prepare: async () => {
            events.push("prepare early");
            return { env: { EXTRA: "1" }, cleanup: () => void events.push("cleanup early") };
          },
          finish: (exit) => ({ status: exit.code === 0 ? "passed" : "failed", counts: { passed: 7 } }),
        },
      ],
      { jobs: 1, logDir: path.join(dir, "logs3"), write: () => {} },
    );
    expect(events).toEqual(["prepare early", "cleanup early", "prepare late"]);
    expect(results[1]).toMatchObject({ id: "early", status: "passed", counts: { passed: 7 } });
  });

  it("reports a command that cannot start as failed", async () => {
    const [result] = await runSuites([{ id: "ghost", command: [path.join(dir, "no-such-program")], cwd: dir, env: process.env }], { logDir: path.join(dir, "logs4"), write: () => {} });
    expect(result).toMatchObject({ id: "ghost", status: "failed" });
    expect(result.reason).toMatch(/ENOENT/);
  });

  it("stops a running suite together with the processes it started", async () => {
    const pidFile = path.join(dir, "grandchild.pid");
    // The suite starts a long-lived grandchild (as Vitest starts workers) and waits for it.
    const script = `const {spawn}=require("child_process");const c=spawn(process.execPath,["-e","setTimeout(()=>{},60000)"],{stdio:"inherit"});require("fs").writeFileSync(${JSON.stringify(pidFile)},String(c.pid));c.on("exit",()=>process.exit(1));`;
    const children = new Set<ChildProcess>();
    const run = runSuites([{ id: "long", command: [process.execPath, "-e", script], cwd: dir, env: process.env }], { logDir: path.join(dir, "logs5"), write: () => {}, children });
    while (!fs.existsSync(pidFile)) await new Promise((r) => setTimeout(r, 50));
    const grandchild = Number(fs.readFileSync(pidFile, "utf8"));
    stopAll(children);
    const [result] = await run;
    expect(result).toMatchObject({ status: "failed", reason: "stopped by SIGINT" });
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(grandchild)).toBe(false);
  });
});

describe("leftOutSuites", () => {
  const suites = [{ id: "lint" }, { id: "types", needs: ["build"] }, { id: "unit" }, { id: "build" }, { id: "browser-sqlite", needs: ["build"] }, { id: "browser-postgresql", needs: ["build"] }];
  const both = ["sqlite", "postgresql"];

  it("leaves nothing out of a full run", () => {
    expect(leftOutSuites(suites, { databases: both }).size).toBe(0);
  });

  it("leaves out the browser suite of a database the run does not cover", () => {
    expect([...leftOutSuites(suites, { databases: ["sqlite"] })]).toEqual([["browser-postgresql", askedFor("TEST_DATABASES=sqlite")]]);
  });

  it("runs only the suites named in TEST_SUITES and what they need", () => {
    const out = leftOutSuites(suites, { databases: ["sqlite"], wanted: ["browser", "lint"] });
    expect([...out]).toEqual([
      ["browser-postgresql", askedFor("TEST_DATABASES=sqlite")],
      ["types", askedFor("TEST_SUITES=browser,lint")],
      ["unit", askedFor("TEST_SUITES=browser,lint")],
    ]);
  });

  it("refuses a suite name it does not know", () => {
    expect(() => leftOutSuites(suites, { databases: both, wanted: ["units"] })).toThrow(/TEST_SUITES names units; the suites are lint, types/);
  });
});

