// The environment file: every setting of an installation in one file next to its data
// (`<data folder>/helpdesk.env`, or the file HELPDESK_ENV_FILE names), read by `npm start`,
// `npm run manage` and the Windows service, so no shell script or machine-wide variable is needed.
// Parsed with Node's own util.parseEnv (Node ≥ 20.12): the same syntax as `node --env-file`, so one
// file serves both, and no dependency. We merge it ourselves rather than calling
// process.loadEnvFile so that a variable set in the real environment always wins (an operator can
// override one setting for one run) and so we know which names came from the file. Values are never
// printed: only the file's path and how many settings it gave.
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

export const ENV_FILE_NAME = "helpdesk.env";

export class EnvFileError extends Error {}

/**
 * The file to read: HELPDESK_ENV_FILE when set (it must exist), else `helpdesk.env` in the data
 * folder the real environment names (DATA_DIR, default `<root>/data`), read only if it exists.
 */
export function envFileLocation(source, root) {
  const named = source.HELPDESK_ENV_FILE?.trim();
  if (named) return { file: path.resolve(root, named), required: true };
  return { file: path.join(path.resolve(root, source.DATA_DIR ?? "data"), ENV_FILE_NAME), required: false };
}

/**
 * `source` with the environment file's settings added under it: a name already set in `source`
 * (even to an empty string) keeps its value. Returns the merged environment, the file read (or
 * null) and the names it supplied.
 */
export function withEnvFile(source, root) {
  const { file, required } = envFileLocation(source, root);
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (!required && error?.code === "ENOENT") return { env: { ...source }, file: null, names: [] };
    throw new EnvFileError(`The environment file ${file} (HELPDESK_ENV_FILE) cannot be read: ${error?.code ?? error?.message}.`);
  }
  // Notepad saves UTF-8 with a byte order mark; parseEnv would take it as part of the first name.
  const parsed = parseEnv(text.replace(/^\uFEFF/, ""));
  const env = { ...source };
  const names = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === "HELPDESK_ENV_FILE") continue; // naming another file from inside one would be a riddle
    if (env[name] !== undefined) continue;
    env[name] = value;
    names.push(name);
  }
  env.HELPDESK_ENV_FILE = file;
  return { env, file, names };
}
