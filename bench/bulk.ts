// Bulk loading through the raw drivers: Prisma's one-row-at-a-time create would take an hour for
// a million tickets. SQLite gets multi-row INSERTs from prepared statements, PostgreSQL one
// INSERT … SELECT FROM unnest(arrays) per batch. Both store values exactly as Prisma does.
import Database from "better-sqlite3";
import pg from "pg";
import { postgresConfig } from "@/lib/server/database-url";
import type { BenchDatabase } from "./database";

export type ColumnType = "int" | "text" | "bool" | "date" | { enum: string };
export type TableSpec = { table: string; columns: [name: string, type: ColumnType][] };
export type Value = string | number | boolean | Date | null;

export interface BulkWriter {
  begin(): Promise<void>;
  commit(): Promise<void>;
  insert(spec: TableSpec, rows: Value[][]): Promise<void>;
  /** Drops the secondary indexes of these tables (loading then indexing is faster); returns how to rebuild them. */
  dropIndexes(tables: string[]): Promise<string[]>;
  /** Rebuilds the indexes, fixes id sequences, and gathers planner statistics when asked. */
  finish(indexes: string[], opts: { analyze: boolean; explicitIdTables: string[] }): Promise<void>;
  close(): Promise<void>;
}

const q = (name: string) => `"${name}"`;

/** better-sqlite3, with the formats of @prisma/adapter-better-sqlite3 (ISO dates with +00:00, booleans as 0/1). */
function sqliteWriter(file: string): BulkWriter {
  const db = new Database(file);
  // The fill is throw-away until it finishes: no fsync, a big page cache, no per-row FK checks.
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");
  const statements = new Map<string, Database.Statement>();
  const toSqlite = (v: Value) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);
  const statement = (spec: TableSpec, rows: number) => {
    const key = `${spec.table}:${rows}`;
    let s = statements.get(key);
    if (!s) {
      const tuple = `(${spec.columns.map(() => "?").join(",")})`;
      s = db.prepare(`INSERT INTO ${q(spec.table)} (${spec.columns.map(([c]) => q(c)).join(",")}) VALUES ${Array(rows).fill(tuple).join(",")}`);
      statements.set(key, s);
    }
    return s;
  };
  return {
    begin: async () => void db.exec("BEGIN"),
    commit: async () => void db.exec("COMMIT"),
    insert: async (spec, rows) => {
      // SQLite allows 32,766 bound values per statement; 500 rows is near the sweet spot anyway.
      const per = Math.min(500, Math.floor(32_000 / spec.columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        statement(spec, chunk.length).run(chunk.flat().map(toSqlite));
      }
    },
    dropIndexes: async (tables) => {
      const found = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => "?").join(",")})`).all(...tables) as { name: string; sql: string }[];
      for (const i of found) db.exec(`DROP INDEX ${q(i.name)}`);
      return found.map((i) => i.sql);
    },
    finish: async (indexes, { analyze }) => {
      for (const sql of indexes) db.exec(sql);
      if (analyze) db.exec("ANALYZE");
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    },
    close: async () => void db.close(),
  };
}

/** node-pg; timestamps as UTC without a zone, as Prisma stores them in timestamp(3) columns. */
async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client(postgresConfig(url));
  await client.connect();
  await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
  // Foreign-key checks run as a trigger per row (eight per ticket) and are most of the load time;
  // the generated rows are consistent, so skip them where allowed (superuser), as pg_restore can.
  await client.query("SET session_replication_role = replica").catch(() => console.log("  (not a superuser: foreign keys are checked row by row, the fill is slower)"));
  const pgType = (t: ColumnType) => (typeof t === "object" ? `${q(t.enum)}[]` : { int: "int4[]", text: "text[]", bool: "bool[]", date: "timestamp(3)[]" }[t]);
  const toPg = (v: Value) => (v instanceof Date ? v.toISOString().slice(0, 23) : v);
  return {
    begin: async () => void (await client.query("BEGIN")),
    commit: async () => void (await client.query("COMMIT")),
    insert: async (spec, rows) => {
      const sql = `INSERT INTO ${q(spec.table)} (${spec.columns.map(([c]) => q(c)).join(",")}) SELECT * FROM unnest(${spec.columns.map(([, t], i) => `$${i + 1}::${pgType(t)}`).join(",")})`;
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        await client.query(sql, spec.columns.map((_, c) => chunk.map((r) => toPg(r[c]))));
      }
    },
    dropIndexes: async (tables) => {
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [tables],
      );
      for (const i of rows) await client.query(`DROP INDEX ${q(i.indexname)}`);
      return rows.map((i) => i.indexdef);
    },
    finish: async (indexes, { explicitIdTables }) => {
      for (const sql of indexes) await client.query(sql);
      for (const t of explicitIdTables) await client.query(`SELECT setval(pg_get_serial_sequence('${q(t)}', 'id'), (SELECT max(id) FROM ${q(t)}))`);
      // Autovacuum would do this within minutes of a real load; the visibility map it sets is
      // what lets PostgreSQL answer counts with index-only scans.
      await client.query("VACUUM ANALYZE");
    },
    close: () => client.end(),
  };
}

export function bulkWriter(bench: BenchDatabase): Promise<BulkWriter> {
  return bench.kind === "sqlite" ? Promise.resolve(sqliteWriter(bench.location)) : postgresWriter(bench.url);
}
