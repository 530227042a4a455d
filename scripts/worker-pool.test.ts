import os from "node:os";
import { describe, expect, it } from "vitest";
import { CRASH_WINDOW_MS, MAX_CRASHES, isClusterNote, planRestart, workerCount } from "./worker-pool.cjs";

describe("workerCount", () => {
  it("uses every core unless told otherwise", () => {
    expect(workerCount({})).toBe(os.availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: "auto" })).toBe(os.availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: " 4 " })).toBe(4);
    expect(workerCount({ WEB_CONCURRENCY: "1" })).toBe(1);
  });

  it.each(["0", "-2", "two", "1.5"])("refuses WEB_CONCURRENCY=%s with a clear message", (value) => {
    expect(() => workerCount({ WEB_CONCURRENCY: value })).toThrow(/WEB_CONCURRENCY must be a whole number/);
  });
});

describe("planRestart", () => {
  it("starts a dead worker again after a growing pause", () => {
    const crashes: number[] = [];
    expect(planRestart(crashes, 1000)).toEqual({ restart: true, delayMs: 500 });
    expect(planRestart(crashes, 2000)).toEqual({ restart: true, delayMs: 1000 });
    expect(planRestart(crashes, 3000)).toEqual({ restart: true, delayMs: 2000 });
  });

  it("gives up when workers keep dying within a minute", () => {
    const crashes: number[] = [];
    const plans = Array.from({ length: MAX_CRASHES }, (_, i) => planRestart(crashes, i * 1000));
    expect(plans.at(-1)).toEqual({ restart: false, delayMs: 0 });
  });

  it("forgets crashes older than a minute", () => {
    const crashes: number[] = [];
    for (let i = 0; i < MAX_CRASHES - 1; i++) planRestart(crashes, i);
    expect(planRestart(crashes, CRASH_WINDOW_MS + MAX_CRASHES)).toEqual({ restart: true, delayMs: 500 });
  });
});

describe("isClusterNote", () => {
  it("accepts only a short named note", () => {
    expect(isClusterNote({ helpdeskNote: "queue-counts-changed" })).toBe(true);
    expect(isClusterNote({ helpdeskNote: 3 })).toBe(false);
    expect(isClusterNote("queue-counts-changed")).toBe(false);
    expect(isClusterNote(null)).toBe(false);
    expect(isClusterNote({ helpdeskNote: "x".repeat(101) })).toBe(false);
  });
});
