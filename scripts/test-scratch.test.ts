// Where the tests keep their throw-away files: a memory file system when one has room, else the
// system's temporary folder; a TMPDIR the user chose always wins.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryTempDir, scratchEnv } from "./test-scratch.cjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-scratch-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("memoryTempDir", () => {
  it("uses a folder inside the candidate when it has the room asked for", () => {
    const chosen = memoryTempDir({ candidate: dir, platform: "linux", minFree: 1 });
    expect(chosen).toBe(path.join(dir, "helpdesk-tests"));
    expect(fs.statSync(chosen!).isDirectory()).toBe(true);
  });

  it("declines a candidate with less room than asked for, one that is not there, and other systems", () => {
    const { bavail, bsize } = fs.statfsSync(dir);
    expect(memoryTempDir({ candidate: dir, platform: "linux", minFree: bavail * bsize + 1 })).toBeNull();
    expect(memoryTempDir({ candidate: path.join(dir, "missing"), platform: "linux", minFree: 1 })).toBeNull();
    expect(memoryTempDir({ candidate: dir, platform: "win32", minFree: 1 })).toBeNull();
    expect(memoryTempDir({ candidate: dir, platform: "darwin", minFree: 1 })).toBeNull();
  });
});

describe("scratchEnv", () => {
  it("leaves a TMPDIR the user set alone", () => {
    expect(scratchEnv({ TMPDIR: "/somewhere/else" })).toEqual({});
  });

  it("points TMPDIR at the memory file system when there is one fit for it, and sets nothing otherwise", () => {
    const memory = memoryTempDir();
    expect(scratchEnv({})).toEqual(memory ? { TMPDIR: memory } : {});
  });
});
