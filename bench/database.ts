// A throw-away database for the benchmark: a SQLite file in a temp dir or a new PostgreSQL
// database, migrated with the checked-in migrations, plus a Prisma client that can log its SQL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { databaseTarget, postgresConfig } from "@/lib/server/database-url";
import { SQLITE_PRAGMAS, type Db } from "@/lib/server/prisma";

export type BenchKind = "sqlite" | "postgresql";

export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = {
  kind: BenchKind;
  /** DATABASE_URL of the new database. */
  url: string;
  /** SQLite file, or PostgreSQL database name. */
  location: string;
  sizeBytes: () => Promise<number>;
  drop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "..");

function migrate(url: string) {
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`migrate deploy failed for ${url}:\n${result.stdout}\n${result.stderr}`);
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(kind: BenchKind): Promise<BenchDatabase> {
  const name = `helpdesk_bench_${crypto.randomBytes(5).toString("hex")}`;
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-bench-"));
    const file = path.join(dir, `${name}.db`);
    const url = `file:${file}`;
    migrate(url);
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    return { kind, url, location: file, sizeBytes: async () => size(file) + size(`${file}-wal`), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  migrate(url);
  return {
    kind,
    url,
    location: name,
    sizeBytes: () => withAdmin(async (c) => Number((await c.query("SELECT pg_database_size($1) AS size", [name])).rows[0].size)),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database kept by an earlier --keep run, measured again as it is (--reuse). */
export function existingBenchDatabase(url: string): BenchDatabase {
  const target = databaseTarget(url);
  if (target.provider === "sqlite") {
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    return { kind: "sqlite", url, location: target.file, sizeBytes: async () => size(target.file) + size(`${target.file}-wal`), drop: async () => {} };
  }
  const name = new URL(url).pathname.slice(1);
  return {
    kind: "postgresql",
    url,
    location: name,
    sizeBytes: () => withAdmin(async (c) => Number((await c.query("SELECT pg_database_size($1) AS size", [name])).rows[0].size)),
    drop: async () => {},
  };
}

export type QueryEvent = { query: string; params: string; duration: number };

/**
 * createDb() from lib/server/prisma.ts, plus a listener for every SQL statement Prisma sends
 * (used by --explain to find the slow ones). Same pragmas and pool size as the app.
 */
export function createBenchClient(bench: BenchDatabase, onQuery?: (e: QueryEvent) => void): Db {
  const log = onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  let client: Db;
  if (bench.kind === "sqlite") {
    const factory = new PrismaBetterSQLite3({ url: bench.location, timeout: 5000 });
    const adapter = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const a = await factory.connect();
        await a.executeScript(SQLITE_PRAGMAS);
        return a;
      },
    };
    client = new SqliteClient({ adapter: adapter as unknown as PrismaBetterSQLite3, log });
  } else {
    const adapter = new PrismaPg({ ...postgresConfig(bench.url), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    client = new PostgresClient({ adapter, log }) as unknown as Db;
  }
  if (onQuery) (client as unknown as { $on: (e: "query", cb: (e: QueryEvent) => void) => void }).$on("query", onQuery);
  return client;
}
