// The end of `npm test`: what each suite's report says (passed, failed, skipped and why), and the
// summary table. A skip counts against the run unless its reason says the run asked for it.
import fs from "node:fs";
import path from "node:path";
import { isAskedFor } from "./test-prerequisites.cjs";

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function relative(root, file) {
  return file && root ? path.relative(root, file).split(path.sep).join("/") : (file ?? "");
}

/** Counts and skips from Vitest's JSON report, or null when there is none. */
export function readVitestReport(file, root) {
  const report = readJson(file);
  if (!report) return null;
  const counts = { passed: 0, failed: 0, skipped: 0, skips: [], flaky: [] };
  for (const result of report.testResults ?? []) {
    const where = relative(root, result.name);
    const tests = result.assertionResults ?? [];
    for (const t of tests) {
      if (t.status === "passed") counts.passed++;
      else if (t.status === "failed") counts.failed++;
      else {
        counts.skipped++;
        counts.skips.push({ file: where, test: [...(t.ancestorTitles ?? []), t.title].join(" › "), reason: t.meta?.skipReason ?? (t.status === "todo" ? "marked todo" : "no reason given") });
      }
    }
    // A file that fails before its tests run (an import or a top-level throw) has no test to fail.
    if (result.status === "failed" && !tests.some((t) => t.status === "failed")) counts.failed++;
  }
  return counts;
}

function* playwrightSpecs(suite) {
  for (const spec of suite.specs ?? []) yield spec;
  for (const child of suite.suites ?? []) yield* playwrightSpecs(child);
}

/** Counts, skips and flaky tests from Playwright's JSON report, or null when there is none. */
export function readPlaywrightReport(file) {
  const report = readJson(file);
  if (!report) return null;
  const counts = { passed: 0, failed: 0, skipped: 0, skips: [], flaky: [] };
  for (const top of report.suites ?? []) {
    for (const spec of playwrightSpecs(top)) {
      for (const t of spec.tests ?? []) {
        const name = { file: spec.file, test: spec.title };
        if (t.status === "expected") counts.passed++;
        else if (t.status === "flaky") {
          counts.passed++;
          counts.flaky.push(name);
        } else if (t.status === "unexpected") counts.failed++;
        else {
          counts.skipped++;
          const note = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])].find((a) => a.type === "skip" || a.type === "fixme");
          counts.skips.push({ ...name, reason: note?.description || (note ? `test.${note.type}() without a reason` : "not run") });
        }
      }
    }
  }
  // Errors outside any test: the web server did not start, a spec file did not load.
  counts.failed += (report.errors ?? []).length;
  return counts;
}

export function formatDuration(ms) {
  if (ms == null) return "";
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}

/**
 * The outcome of a run: `results` holds, per suite, `{ id, title, status: "passed" | "failed" |
 * "skipped", reason?, ms?, counts? }`. A suite or test skipped for a reason the run did not ask for
 * fails the run, as does any failure.
 */
export function verdict(results) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const asked = [];
  const unasked = [];
  const flaky = [];
  const unaskedSuites = [];
  for (const r of results) {
    // A whole suite skipped is shown in the table with its reason; an unasked one still fails the run.
    if (r.status === "skipped" && !isAskedFor(r.reason)) unaskedSuites.push(r.id);
    if (r.status === "failed" && !r.counts?.failed) totals.failed++;
    if (!r.counts) continue;
    totals.passed += r.counts.passed;
    totals.failed += r.counts.failed;
    totals.skipped += r.counts.skipped;
    for (const s of r.counts.skips) (isAskedFor(s.reason) ? asked : unasked).push({ suite: r.id, ...s });
    for (const f of r.counts.flaky) flaky.push({ suite: r.id, ...f });
  }
  const failedSuites = results.filter((r) => r.status === "failed").map((r) => r.id);
  return { totals, asked, unasked, unaskedSuites, flaky, failedSuites, ok: !failedSuites.length && !totals.failed && !unasked.length && !unaskedSuites.length };
}

function skipLines(skips) {
  // Many tests skipped for one reason in one file (a tool left out) read better as one line.
  const groups = new Map();
  for (const s of skips) {
    const key = `${s.suite}\u0000${s.file}\u0000${s.reason}`;
    const g = groups.get(key) ?? { ...s, names: [] };
    g.names.push(s.test);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const what = g.names.length === 1 ? `${g.file ? `${g.file} › ` : ""}${g.names[0]}` : `${g.file} (${g.names.length} tests)`;
    return `  ${g.suite.padEnd(20)} ${what} — ${g.reason}`;
  });
}

/** The summary printed at the end of `npm test`; the last line is the plain "N passed, N failed, N skipped". */
export function formatSummary(results, { totalMs, logDir } = {}) {
  const v = verdict(results);
  const width = Math.max(5, ...results.map((r) => r.title.length));
  const row = (name, result, c, ms, note) =>
    `  ${name.padEnd(width)}  ${result.padEnd(8)}${String(c?.passed ?? "").padStart(7)}${String(c?.failed ?? "").padStart(7)}${String(c?.skipped ?? "").padStart(8)}${formatDuration(ms).padStart(10)}${note ? `  ${note}` : ""}`.trimEnd();
  const lines = ["", "━━ Summary", row("suite", "result", { passed: "passed", failed: "failed", skipped: "skipped" }, null), ""];
  for (const r of results) lines.push(row(r.title, r.status, r.counts, r.ms, r.status === "passed" ? "" : r.reason));
  lines.push(row("total (wall clock)", v.ok ? "passed" : "failed", v.totals, totalMs));
  if (v.asked.length) lines.push("", "Skipped because the run asked for it:", ...skipLines(v.asked));
  if (v.unasked.length) lines.push("", "Skipped without being asked for (this fails the run):", ...skipLines(v.unasked));
  if (v.flaky.length) lines.push("", "Flaky (failed, then passed on retry):", ...v.flaky.map((f) => `  ${f.suite.padEnd(20)} ${f.file} › ${f.test}`));
  if (v.unaskedSuites.length) lines.push("", `Not run without being asked for (this fails the run): ${v.unaskedSuites.join(", ")}`);
  if (v.failedSuites.length) lines.push("", `Failed: ${v.failedSuites.join(", ")}${logDir ? ` (full output in ${logDir}/<suite>.log)` : ""}`);
  lines.push("", `${v.totals.passed} passed, ${v.totals.failed} failed, ${v.totals.skipped} skipped`);
  return { text: lines.join("\n"), ok: v.ok };
}
