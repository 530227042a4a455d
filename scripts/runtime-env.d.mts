// Types for runtime-env.mjs, which `npm run manage` (TypeScript under tsx) shares with the server start.
export const root: string;
export class ConfigError extends Error {}
export function runtimeEnv(source?: Record<string, string | undefined>): Record<string, string>;
