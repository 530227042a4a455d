// Creates the Prisma client for the database DATABASE_URL names. Both generated clients share one
// model, so the SQLite client's types describe either; the PostgreSQL client is only chosen at run
// time. No 'server-only' here: the seed, the operator CLI and tests use it outside Next.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { databaseTarget, postgresConfig, type DatabaseTarget } from "./database-url";
import { sealedColumnsOf, sealForStorage } from "./sealed-fields";
import { takeWriteLockFirst, type TransactionalAdapter } from "./sqlite-transactions";
import { cleanQueryArgs } from "./text-clean";

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * WAL lets readers work while a writer commits; synchronous=FULL makes a commit survive power
 * loss; foreign keys are off by default in SQLite; the busy timeout makes a second writer wait
 * instead of failing at once.
 */
/**
 * Set on every connection. `optimize` gathers the query planner's statistics when they are missing
 * or stale: once on a database that has none (about 5 s at a million tickets), a no-op after that.
 * Without them SQLite guesses, and for an agent's followed tickets it guessed a scan of every open
 * ticket (3× slower at a million). A sampled analysis (analysis_limit) was fast but misled it.
 */
export const SQLITE_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA optimize = 0x10002;`;

function sqliteAdapter(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      await adapter.executeScript(SQLITE_PRAGMAS);
      takeWriteLockFirst(adapter as unknown as TransactionalAdapter, SQLITE_BUSY_TIMEOUT_MS);
      return adapter;
    },
  };
}

const WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert"]);

/** Seals the registry's secret columns in a write's data (a plain value; an already sealed one stays). */
function sealColumns(model: string, operation: string, args: Record<string, unknown>): void {
  const columns = sealedColumnsOf(model);
  if (!columns.length || !WRITES.has(operation)) return;
  const seal = (data: unknown) => {
    for (const row of Array.isArray(data) ? data : [data]) {
      if (!row || typeof row !== "object") continue;
      const record = row as Record<string, unknown>;
      for (const column of columns) {
        const value = record[column];
        if (typeof value === "string") record[column] = sealForStorage(value);
        else if (value && typeof value === "object" && typeof (value as { set?: unknown }).set === "string") record[column] = { set: sealForStorage((value as { set: string }).set) };
      }
    }
  };
  for (const part of ["data", "create", "update"]) if (part in args) seal(args[part]);
}

/**
 * Every query passes here: its text is cleaned (lib/server/text-clean.ts) so both databases store
 * the same thing, and secret columns (lib/server/sealed-fields.ts) are sealed on the way in, so no
 * write path can store one in plain text. Raw SQL is not covered: the app's raw queries carry no text.
 */
function withWriteRules<C extends { $extends: SqliteClient["$extends"] }>(client: C): Db {
  return client.$extends({
    name: "helpdesk-write-rules",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const clean = cleanQueryArgs(args);
          if (sealedColumnsOf(model).length && WRITES.has(operation)) {
            const copy = clean === args ? structuredClone(args) : clean;
            sealColumns(model, operation, copy as Record<string, unknown>);
            return query(copy);
          }
          return query(clean);
        },
      },
    },
  }) as unknown as Db;
}

/**
 * Prisma gives a transaction 2 s to start and 5 s to finish. Under load (bench:load, 100 clients on
 * two cores) a healthy ticket step on PostgreSQL can take longer, waiting for the pool and the events
 * row (lib/tickets/events.ts), and the 5-s limit turned it into a 500 after the work was done (11 of
 * 555 submissions). These limits only catch a transaction that is stuck.
 */
const POSTGRES_TRANSACTIONS = { maxWait: 15_000, timeout: 30_000 };
/**
 * On SQLite a transaction holds the one write lock from its start (lib/server/sqlite-transactions.ts;
 * waiting for it counts towards maxWait), so a stuck one stops every writer: it keeps Prisma's 5-s
 * limit. bench:load on SQLite had no transaction near it.
 */
const SQLITE_TRANSACTIONS = { maxWait: 15_000 };

export function createDb(target: DatabaseTarget = databaseTarget(process.env.DATABASE_URL)): Db {
  if (target.provider === "sqlite") {
    return remember(withWriteRules(new SqliteClient({ adapter: sqliteAdapter(target.file) as unknown as PrismaBetterSQLite3, transactionOptions: SQLITE_TRANSACTIONS })), target);
  }
  const adapter = new PrismaPg({ ...postgresConfig(target.url), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return remember(withWriteRules(new PostgresClient({ adapter, transactionOptions: POSTGRES_TRANSACTIONS }) as unknown as SqliteClient), target);
}

// Next loads this module once per bundle (instrumentation, route handlers, pages and actions), so a
// server process holds several clients of one database. What must exist once per database in a
// process (the event dispatcher, lib/events/bus.ts) is found by this key. Kept on globalThis for the
// same reason; the key is a hash, so no password sits in it.
const DATABASE_KEYS = Symbol.for("helpdesk.database-keys");
const databaseKeys: WeakMap<Db, string> = ((globalThis as Record<symbol, WeakMap<Db, string> | undefined>)[DATABASE_KEYS] ??= new WeakMap());

function remember(db: Db, target: DatabaseTarget): Db {
  const where = target.provider === "sqlite" ? path.resolve(target.file) : target.url;
  databaseKeys.set(db, `${target.provider}:${crypto.createHash("sha256").update(where).digest("hex")}`);
  return db;
}

/** The same string for every client of one database (see above); undefined for a client made elsewhere. */
export function databaseKeyOf(db: Db): string | undefined {
  return databaseKeys.get(db);
}
