// Prisma CLI configuration. The CLI runs migrations through its bundled WebAssembly schema engine
// and a driver adapter, because the native engine it would otherwise download is unreachable
// offline (see ../shared/TECH-NOTES.md, "Prisma: offline migrations").
import path from "node:path";
// Any existing file stops the CLI from downloading engines it does not use; package.json exists on
// every platform (/dev/null does not on Windows).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve("package.json");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");
process.env.CHECKPOINT_DISABLE ??= "1";
import { defineConfig } from "prisma/config";
import { databaseTarget } from "./lib/server/database-url";
import { migrationAdapterFactory } from "./prisma/migration-adapter";

const target = databaseTarget(process.env.DATABASE_URL);
// The schema's datasource still reads DATABASE_URL though the adapter ignores it, and with a
// config file the CLI does not load .env: default it to the embedded database.
process.env.DATABASE_URL ||= target.provider === "sqlite" ? `file:${target.file}` : target.url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: target.provider === "postgresql" ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: target.provider === "postgresql" ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations"),
  },
  adapter: () => migrationAdapterFactory(target),
});
