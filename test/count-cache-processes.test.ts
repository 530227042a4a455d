// Queue counts are cached in each server process; a change in one must drop them in the others.
// A real worker process with a real IPC channel, the test playing the cluster primary.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let worker: ChildProcess;
const notes: unknown[] = [];
let waiting: ((value: unknown) => void) | null = null;

function ask(what: string): Promise<unknown> {
  return new Promise((resolve) => {
    waiting = resolve;
    worker.send({ ask: what });
  });
}

beforeAll(async () => {
  worker = fork(path.join(__dirname, "processes", "count-cache-worker.ts"), [], { execArgv: ["--import", "tsx"], cwd: path.resolve(__dirname, "..") });
  await new Promise<void>((ready) => {
    worker.on("message", (message: { answer?: unknown; helpdeskNote?: string }) => {
      if (message.helpdeskNote) notes.push(message.helpdeskNote);
      else if (message.answer === "ready") ready();
      else waiting?.(message.answer);
    });
  });
}, 60_000);

afterAll(() => {
  worker?.kill();
});

describe("queue counts across processes", () => {
  it("keeps a count cached until another process says tickets changed, then counts again", async () => {
    expect(await ask("count")).toBe(1);
    expect(await ask("count")).toBe(1);
    worker.send({ helpdeskNote: "queue-counts-changed" });
    expect(await ask("count")).toBe(2);
    worker.send({ helpdeskNote: "something-else" });
    expect(await ask("count")).toBe(2);
  });

  it("tells the other processes when it changes tickets itself", async () => {
    await ask("change");
    expect(notes).toEqual(["queue-counts-changed"]);
    expect(await ask("count")).toBe(3);
  });
});
