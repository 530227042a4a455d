// Types for scripts/test-prerequisites.cjs (plain JavaScript, so `npm test` runs without a build).
export type Prerequisite = {
  name: string;
  what: string;
  find: { env?: string; commands?: string[]; paths?: string[]; dirs?: string[]; file?: string; playwrightBrowser?: boolean; postgres?: boolean };
  debian: string | null;
  get?: string;
  suites: string[];
  databases?: string[];
  skipsSuites?: boolean;
};
export type ProbeResult =
  | { row: Prerequisite; ok: true; where: string }
  | { row: Prerequisite; ok: false; problem: string; fix: "install" | "start" | "manual"; cluster?: { version: string; cluster: string; port: number; status: string } };
export type InstallRights = { manager: "apt" | null; as: "root" | "sudo" | "user"; allowed: boolean };
export type Skip = { name: string; reason: string };
type Env = Record<string, string | undefined>;

export const PREREQUISITES: Prerequisite[];
export const DEFAULT_POSTGRES_URL: string;
export function askedFor(setting: string): string;
export function isAskedFor(reason: unknown): boolean;
export function leftOut(env?: Env, table?: Prerequisite[]): Set<string>;
export function neededRows(run: { suites: string[]; databases: string[] }, table?: Prerequisite[]): Prerequisite[];
export function suitesLeftOut(suites: string[], env?: Env, table?: Prerequisite[]): Map<string, string>;
export function locate(row: Prerequisite, env?: Env): { path: string; missing?: undefined; override?: undefined } | { path?: undefined; missing: string; override?: string };
export function locateTool(name: string, env?: Env): string | null;
export function probePostgres(url: string): Promise<{ state: "up" | "down" | "refused"; message?: string }>;
export function probe(rows: Prerequisite[], env?: Env): Promise<ProbeResult[]>;
export function plan(results: ProbeResult[], options: { rights: InstallRights; retried?: boolean }): { install: string[]; start: NonNullable<Extract<ProbeResult, { ok: false }>["cluster"]>[]; stop: string | null };
export function installRights(env?: Env): InstallRights;
export function ensurePrerequisites(options: { suites: string[]; databases: string[]; env?: Env; table?: Prerequisite[]; log?: (line: string) => void }): Promise<{ ok: boolean; message?: string; skipped: Skip[]; results: ProbeResult[] }>;
export function describeResults(results: ProbeResult[], skipped?: Skip[]): string[];
