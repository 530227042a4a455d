// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the one source of the model):
// same models, PostgreSQL provider, its own client output. `--check` exits 1 when they differ.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

export function postgresSchema(sqliteSchema) {
  const replaced = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output(\s*)=\s*"\.\.\/lib\/generated\/sqlite"/, 'output$1= "../../lib/generated/postgres"');
  if (replaced.includes('"sqlite"') || !replaced.includes("lib/generated/postgres")) {
    throw new Error("prisma/schema.prisma: expected provider \"sqlite\" and output ../lib/generated/sqlite");
  }
  return "// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs. Do not edit.\n" + replaced;
}

export function syncPostgresSchema({ check = false } = {}) {
  const wanted = postgresSchema(fs.readFileSync(source, "utf8"));
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current === wanted) return true;
  if (check) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, wanted);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  if (!syncPostgresSchema({ check })) {
    console.error("prisma/postgres/schema.prisma is out of date: run `node scripts/prisma-schemas.mjs`.");
    process.exit(1);
  }
}
