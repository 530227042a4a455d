// The summary of `npm test`, read from real reports: Vitest and Playwright each run a small
// project of passing, failing, flaky and skipped tests (with and without a reason), and the
// summary must count them and fail the run for every skip the run did not ask for.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedFor } from "./test-prerequisites.cjs";
import { formatDuration, formatSummary, readPlaywrightReport, readVitestReport, verdict, type Counts, type SuiteResult } from "./test-summary.mjs";

const root = path.resolve(__dirname, "..");
let dir: string;
beforeAll(() => {
  // Inside the repository, so the small projects resolve vitest and @playwright/test from node_modules.
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  dir = fs.mkdtempSync(path.join(root, "test-results", "summary-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

describe("reading a Vitest report", () => {
  let counts: Counts;
  beforeAll(() => {
    write({
      "vitest.config.mjs": `export default { test: { include: ["*.test.mjs"], pool: "forks" } };`,
      "cases.test.mjs": `
import { describe, expect, it } from "vitest";
it("passes", () => expect(1).toBe(1));
it("fails", () => expect(1).toBe(2));
it.skip("is skipped with no reason", () => {});
it.todo("is still to do");
describe("needs dovecot", { skip: true, meta: { skipReason: ${JSON.stringify(askedFor("TEST_WITHOUT=dovecot"))} } }, () => {
  it("polls", () => {});
  it("polls again", () => {});
});`,
      "broken.test.mjs": `throw new Error("this file cannot load");`,
    });
    const report = path.join(dir, "vitest.json");
    spawnSync(process.execPath, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--root", dir, "--config", path.join(dir, "vitest.config.mjs"), "--reporter=json", `--outputFile=${report}`], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "1" } });
    counts = readVitestReport(report, root)!;
  });

  it("counts passed and failed tests, and a file that does not load as a failure", () => {
    expect(counts.passed).toBe(1);
    expect(counts.failed).toBe(2);
  });

  it("lists every skipped test with its reason", () => {
    const file = path.relative(root, path.join(dir, "cases.test.mjs"));
    expect(counts.skipped).toBe(4);
    expect(counts.skips).toEqual(
      expect.arrayContaining([
        { file, test: "is skipped with no reason", reason: "no reason given" },
        { file, test: "is still to do", reason: "marked todo" },
        { file, test: "needs dovecot › polls", reason: askedFor("TEST_WITHOUT=dovecot") },
        { file, test: "needs dovecot › polls again", reason: askedFor("TEST_WITHOUT=dovecot") },
      ]),
    );
  });
});

describe("reading a Playwright report", () => {
  let counts: Counts;
  beforeAll(() => {
    const marker = path.join(dir, "flaky-tried");
    write({
      "playwright.config.mjs": `export default { testDir: ".", testMatch: "*.spec.mjs", retries: 1, workers: 1, outputDir: "pw-out", reporter: [["json", { outputFile: "playwright.json" }]] };`,
      "cases.spec.mjs": `
import fs from "node:fs";
import { expect, test } from "@playwright/test";
test("passes", () => {});
test("fails", () => expect(1).toBe(2));
test("is flaky", () => {
  if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ""); throw new Error("first try"); }
});
test.skip("is skipped with no reason", () => {});
test("skips itself", () => test.skip(true, ${JSON.stringify(askedFor("TEST_WITHOUT=nginx"))}));
test.describe("needs dovecot", () => {
  test.skip(true, ${JSON.stringify(askedFor("TEST_WITHOUT=dovecot"))});
  test("polls", () => {});
});`,
    });
    spawnSync(process.execPath, [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", "--config", path.join(dir, "playwright.config.mjs")], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "1" } });
    counts = readPlaywrightReport(path.join(dir, "playwright.json"))!;
  });

  it("counts a test that passed on retry as passed, and lists it as flaky", () => {
    expect(counts.passed).toBe(2);
    expect(counts.failed).toBe(1);
    expect(counts.flaky).toEqual([{ file: "cases.spec.mjs", test: "is flaky" }]);
  });

  it("lists every skipped test with its reason", () => {
    expect(counts.skipped).toBe(3);
    expect(counts.skips).toEqual(
      expect.arrayContaining([
        { file: "cases.spec.mjs", test: "is skipped with no reason", reason: "test.skip() without a reason" },
        { file: "cases.spec.mjs", test: "skips itself", reason: askedFor("TEST_WITHOUT=nginx") },
        { file: "cases.spec.mjs", test: "polls", reason: askedFor("TEST_WITHOUT=dovecot") },
      ]),
    );
  });

  it("has no report to read when the run did not write one", () => {
    expect(readPlaywrightReport(path.join(dir, "missing.json"))).toBeNull();
    expect(readVitestReport(path.join(dir, "missing.json"))).toBeNull();
  });
});

describe("the verdict and the summary", () => {
  const counts = (extra: Partial<Counts> = {}): Counts => ({ passed: 10, failed: 0, skipped: 0, skips: [], flaky: [], ...extra });
  const suite = (id: string, extra: Partial<SuiteResult> = {}): SuiteResult => ({ id, title: id, status: "passed", ms: 1500, ...extra });
  const dovecotSkip = { file: "test/mail-imap.test.ts", test: "polls", reason: askedFor("TEST_WITHOUT=dovecot") };

  it("passes with skips the run asked for, and lists them with the reason", () => {
    const results = [suite("lint"), suite("unit", { counts: counts({ skipped: 1, skips: [dovecotSkip] }) }), suite("browser-postgresql", { status: "skipped", reason: askedFor("TEST_DATABASES=sqlite"), ms: undefined })];
    const { text, ok } = formatSummary(results, { totalMs: 125_000 });
    expect(ok).toBe(true);
    expect(text).toContain("Skipped because the run asked for it:");
    expect(text).toContain(`unit                 test/mail-imap.test.ts › polls — ${askedFor("TEST_WITHOUT=dovecot")}`);
    expect(text).toMatch(/browser-postgresql +skipped +asked for \(TEST_DATABASES=sqlite\)/);
    expect(text).toMatch(/total \(wall clock\) +passed +10 +0 +1 +2m 05s/);
    expect(text.split("\n").at(-1)).toBe("10 passed, 0 failed, 1 skipped");
  });

  it("fails for a skip nobody asked for, and groups many skips of one file", () => {
    const skips = ["a", "b", "c"].map((test) => ({ file: "test/x.test.ts", test, reason: "no reason given" }));
    const { text, ok } = formatSummary([suite("unit", { counts: counts({ skipped: 3, skips }) })]);
    expect(ok).toBe(false);
    expect(text).toContain("Skipped without being asked for (this fails the run):\n  unit                 test/x.test.ts (3 tests) — no reason given");
  });

  it("counts a failed suite without tests (lint, types, build) as a failure, and a suite it kept from running as not asked for", () => {
    const results = [suite("build", { status: "failed", reason: "exit code 1" }), suite("browser-sqlite", { status: "skipped", reason: "not run: build did not pass" })];
    const v = verdict(results);
    expect(v).toMatchObject({ ok: false, failedSuites: ["build"], unaskedSuites: ["browser-sqlite"], totals: { passed: 0, failed: 1, skipped: 0 } });
    const { text } = formatSummary(results, { logDir: "test-results/logs" });
    expect(text).toContain("Failed: build (full output in test-results/logs/<suite>.log)");
    expect(text).toContain("Not run without being asked for (this fails the run): browser-sqlite");
    expect(text.split("\n").at(-1)).toBe("0 passed, 1 failed, 0 skipped");
  });

  it("does not count a failed suite twice when its report already counted the failed tests", () => {
    expect(verdict([suite("unit", { status: "failed", counts: counts({ failed: 2 }) })]).totals.failed).toBe(2);
  });

  it("writes durations in seconds under a minute, minutes and seconds above", () => {
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(61_000)).toBe("1m 01s");
    expect(formatDuration(undefined)).toBe("");
  });
});
