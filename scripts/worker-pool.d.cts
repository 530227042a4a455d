// Types for scripts/worker-pool.cjs (plain JavaScript: the server entry runs without a build).
export function workerCount(env?: Record<string, string | undefined>): number;
export function planRestart(crashes: number[], now: number): { restart: boolean; delayMs: number };
export function isClusterNote(message: unknown): message is { helpdeskNote: string };
export const CRASH_WINDOW_MS: number;
export const MAX_CRASHES: number;
