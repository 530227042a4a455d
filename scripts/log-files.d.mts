// Types for log-files.mjs (the start script's log writer), for its tests.
import type { ChildProcess } from "node:child_process";
export const LOG_FILE_BASE: string;
export type LogSettings = { enabled: boolean; dir: string; maxSize: string; keep: number; console: boolean };
export function logSettings(env: Record<string, string | undefined>): LogSettings;
export function pruneLogFiles(dir: string, keep: number, current: string | null): string[];
export function environmentSecrets(env: Record<string, string | undefined>): string[];
export type LogSink = {
  settings: LogSettings;
  file: string | null;
  line(text: string, stream?: "stdout" | "stderr", from?: number): void;
  pipe(child: ChildProcess): Promise<void[]>;
  close(): Promise<void>;
};
export function openLogSink(env: Record<string, string | undefined>, options?: { pid?: number }): Promise<LogSink>;
