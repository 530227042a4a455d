// Types for scripts/test-summary.mjs.
export type Counts = { passed: number; failed: number; skipped: number; skips: { file: string; test: string; reason: string }[]; flaky: { file: string; test: string }[] };
export type SuiteResult = { id: string; title: string; status: "passed" | "failed" | "skipped"; reason?: string; ms?: number; counts?: Counts };
export function readVitestReport(file: string, root?: string): Counts | null;
export function readPlaywrightReport(file: string): Counts | null;
export function formatDuration(ms: number | null | undefined): string;
export function verdict(results: SuiteResult[]): {
  totals: { passed: number; failed: number; skipped: number };
  asked: { suite: string; file: string; test: string; reason: string }[];
  unasked: { suite: string; file: string; test: string; reason: string }[];
  unaskedSuites: string[];
  flaky: { suite: string; file: string; test: string }[];
  failedSuites: string[];
  ok: boolean;
};
export function formatSummary(results: SuiteResult[], options?: { totalMs?: number; logDir?: string }): { text: string; ok: boolean };
