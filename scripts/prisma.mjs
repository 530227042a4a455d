// Runs the Prisma CLI offline (see prisma.config.ts). `generate` builds both clients, SQLite and
// PostgreSQL, so one build serves either database; other commands act on the database chosen by
// DATABASE_URL.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { syncPostgresSchema } from "./prisma-schemas.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const env = {
  ...process.env,
  // Any existing file stops the CLI downloading engines it does not use (/dev/null is not on Windows).
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? path.join(root, "package.json"),
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "package.json"),
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

export function runPrisma(args, { quiet = false, extraEnv = {} } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...env, ...extraEnv }, stdio: quiet ? "pipe" : "inherit", encoding: "utf8" });
  if (result.status !== 0 && quiet) process.stderr.write((result.stdout ?? "") + (result.stderr ?? ""));
  return result.status ?? 1;
}

export function generateClients(extraArgs = [], options = {}) {
  syncPostgresSchema();
  for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
    const status = runPrisma(["generate", "--schema", schema, ...extraArgs], options);
    if (status !== 0) return status;
  }
  return 0;
}

function main(args) {
  if (args[0] === "generate") return generateClients(args.slice(1));
  syncPostgresSchema();
  return runPrisma(args);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
