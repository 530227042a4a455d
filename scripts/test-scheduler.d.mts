// Types for scripts/test-scheduler.mjs.
import type { ChildProcess } from "node:child_process";
export type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };
export type Suite = {
  id: string;
  needs?: string[];
  priority?: number;
  command: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  prepare?: () => unknown;
  finish?: (exit: Exit) => { status: "passed" | "failed" | "skipped"; reason?: string; counts?: unknown };
};
export function runSuites(
  suites: Suite[],
  options: { jobs?: number; logDir: string; write?: (text: string) => void; children?: Set<ChildProcess> },
): Promise<{ id: string; status: "passed" | "failed" | "skipped"; reason?: string; ms?: number; counts?: unknown }[]>;
export function stopAll(children: Set<ChildProcess>, options?: { graceMs?: number }): void;
export function leftOutSuites(suites: { id: string; needs?: string[] }[], options: { databases: string[]; wanted?: string[] | null }): Map<string, string>;
export function describeExit(exit: Exit): string;
