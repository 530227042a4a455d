// Types for scripts/test-scratch.cjs (plain JavaScript, so the configs and `npm test` share it).
export const MIN_FREE_BYTES: number;
export function memoryTempDir(options?: { candidate?: string; platform?: NodeJS.Platform; minFree?: number }): string | null;
export function scratchEnv(env?: Record<string, string | undefined>): { TMPDIR?: string };
