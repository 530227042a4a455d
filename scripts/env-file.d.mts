// Types for env-file.mjs, shared by the start script and `npm run manage` (TypeScript under tsx).
export const ENV_FILE_NAME: string;
export class EnvFileError extends Error {}
export function envFileLocation(source: Record<string, string | undefined>, root: string): { file: string; required: boolean };
export function withEnvFile(source: Record<string, string | undefined>, root: string): { env: Record<string, string | undefined>; file: string | null; names: string[] };
