// An installation made by the first release, with a row in every table, upgraded by `manage
// upgrade` to this version: every later migration is applied and listed, and every value that was
// there is still there (both databases). The rows are made from the first migration's own tables
// and columns, so a table or column added to it is covered without editing this test.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresConfig } from "@/lib/server/database-url";
import { POSTGRES_ADMIN_URL, testDatabaseKinds } from "./databases";
import { needTool } from "./tools";

const root = path.resolve(__dirname, "..");
const pgTools = needTool("pg-client");

type Column = { name: string; type: string; notNull: boolean; enumLabel?: string };
type ForeignKey = { column: string; table: string; to: string };
type Table = { name: string; columns: Column[]; keys: ForeignKey[] };
type Row = Record<string, unknown>;

/** Talks to one engine the same way: run SQL, describe tables, insert and read rows. */
type Engine = {
  exec(sql: string): Promise<void>;
  tables(): Promise<Table[]>;
  insert(table: string, row: Row): Promise<void>;
  rows(table: string): Promise<Row[]>;
  close(): Promise<void>;
};

function sqliteEngine(file: string): Engine {
  const db = new Database(file);
  db.pragma("foreign_keys = ON");
  return {
    exec: async (sql) => void db.exec(sql),
    tables: async () => {
      const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[]).map((r) => r.name);
      return names.map((name) => ({
        name,
        columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number }[]).map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.notnull === 1 })),
        keys: (db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string; to: string }[]).map((k) => ({ column: k.from, table: k.table, to: k.to })),
      }));
    },
    insert: async (table, row) => {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => sqliteValue(row[c])));
    },
    rows: async (table) => db.prepare(`SELECT * FROM "${table}"`).all() as Row[],
    close: async () => void db.close(),
  };
}

function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

async function postgresEngine(url: string): Promise<Engine> {
  const client = new pg.Client(postgresConfig(url));
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    tables: async () => {
      const columns = (
        await client.query(`SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, (SELECT e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = c.udt_name ORDER BY e.enumsortorder LIMIT 1) AS enum_label
          FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations' ORDER BY c.table_name, c.ordinal_position`)
      ).rows as { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string; enum_label: string | null }[];
      const keys = (
        await client.query(`SELECT tc.table_name, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column FROM information_schema.table_constraints tc
          JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
          JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
          WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`)
      ).rows as { table_name: string; column_name: string; ref_table: string; ref_column: string }[];
      const names = [...new Set(columns.map((c) => c.table_name))];
      return names.map((name) => ({
        name,
        columns: columns.filter((c) => c.table_name === name).map((c) => ({ name: c.column_name, type: (c.data_type === "USER-DEFINED" ? "ENUM" : c.data_type).toUpperCase(), notNull: c.is_nullable === "NO", enumLabel: c.enum_label ?? undefined })),
        keys: keys.filter((k) => k.table_name === name).map((k) => ({ column: k.column_name, table: k.ref_table, to: k.ref_column })),
      }));
    },
    insert: async (table, row) => {
      const cols = Object.keys(row);
      await client.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, cols.map((c) => row[c]));
    },
    rows: async (table) => (await client.query(`SELECT * FROM "${table}"`)).rows as Row[],
    close: () => client.end(),
  };
}

// Prisma's own bookkeeping table, as `migrate deploy` creates it.
const MIGRATIONS_TABLE_SQLITE = `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const MIGRATIONS_TABLE_POSTGRES = `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

const WHEN = new Date("2026-06-15T08:30:00.000Z");

/** A value of the column's type; every column gets one, nullable or not, so every value is checked. */
function valueFor(table: string, column: Column): unknown {
  const t = column.type;
  // A requester's message on both engines (SQLite keeps enums as text), so that columns later
  // derived from the thread (Ticket.requesterWroteAt) have something to be derived from.
  if (table === "ThreadEntry" && column.name === "kind") return "MESSAGE";
  if (t === "ENUM") return column.enumLabel;
  if (/BOOL/.test(t)) return true;
  if (/INT|SERIAL/.test(t)) return 7;
  if (/REAL|DOUBLE|FLOAT|NUMERIC|DECIMAL/.test(t)) return 2.5;
  if (/DATE|TIME/.test(t)) return WHEN;
  if (/BLOB|BYTEA/.test(t)) return Buffer.from(`${table}.${column.name}`);
  if (/JSON/.test(t)) return JSON.stringify({ from: `${table}.${column.name}` });
  return `${table}.${column.name} kept`;
}

/** One row per table, parents before children; keys point at the parent's row. */
async function fillEveryTable(engine: Engine): Promise<string[]> {
  const tables = await engine.tables();
  const done = new Map<string, Row>();
  while (done.size < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.keys.every((k) => k.table === t.name || done.has(k.table)));
    if (!ready.length) throw new Error(`foreign keys go round in a circle among: ${tables.filter((t) => !done.has(t.name)).map((t) => t.name).join(", ")}`);
    for (const table of ready) {
      const row: Row = {};
      for (const column of table.columns) row[column.name] = valueFor(table.name, column);
      for (const key of table.keys) row[key.column] = key.table === table.name ? row[key.to] : done.get(key.table)![key.to];
      await engine.insert(table.name, row);
      done.set(table.name, row);
    }
  }
  return tables.map((t) => t.name);
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Values the data steps change on purpose at an upgrade: secrets sealed, audit rows redacted. */
const CHANGED_ON_PURPOSE = new Set(["ImapMailbox.password", "AuditLog.before", "AuditLog.after"]);

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe.each(testDatabaseKinds())("upgrading a first-release database on %s", (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("applies every later migration, lists them, and loses nothing", { timeout: 600_000, ...(kind === "postgresql" ? pgTools.options : {}) }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade data "));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const migrationsDir = path.join(root, "prisma", ...(kind === "postgresql" ? ["postgres"] : []), "migrations");
    const migrations = fs.readdirSync(migrationsDir).filter((n) => fs.statSync(path.join(migrationsDir, n)).isDirectory()).sort();
    const [first, ...later] = migrations;

    let url: string;
    let engine: Engine;
    if (kind === "sqlite") {
      url = `file:${path.join(dataDir, "helpdesk.db")}`;
      engine = sqliteEngine(url.slice(5));
    } else {
      const name = `helpdesk_upgrade_${crypto.randomBytes(5).toString("hex")}`;
      const admin = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const u = new URL(POSTGRES_ADMIN_URL);
      u.pathname = `/${name}`;
      url = u.toString();
      cleanups.push(async () => {
        const c = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      });
      engine = await postgresEngine(url);
    }
    // The first release's schema, recorded as applied the way Prisma records it.
    await engine.exec(fs.readFileSync(path.join(migrationsDir, first, "migration.sql"), "utf8"));
    // (`prisma migrate resolve` fails on a database never migrated by Prisma: TECH-NOTES, bug 1.)
    const firstSql = fs.readFileSync(path.join(migrationsDir, first, "migration.sql"), "utf8");
    await engine.exec(kind === "sqlite" ? MIGRATIONS_TABLE_SQLITE : MIGRATIONS_TABLE_POSTGRES);
    await engine.insert("_prisma_migrations", { id: crypto.randomUUID(), checksum: crypto.createHash("sha256").update(firstSql).digest("hex"), finished_at: new Date(), migration_name: first, started_at: new Date(), applied_steps_count: 1 });
    const tables = await fillEveryTable(engine);
    expect(tables.length).toBeGreaterThan(20);
    const before = new Map<string, Row[]>();
    for (const table of tables) before.set(table, await engine.rows(table));
    await engine.close();

    const env = { DATABASE_URL: url, DATA_DIR: dataDir, NEXTAUTH_SECRET: "u".repeat(40), HELPDESK_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), PORT: "1" };
    const upgraded = await run(["scripts/manage.ts", "upgrade"], env);
    expect(upgraded.code, upgraded.out).toBe(0);
    expect(upgraded.out).toMatch(/Backed up to .*helpdesk-\d{8}-\d{6}-before-upgrade\.tar\.gz/);
    expect(upgraded.out).toContain(`Applied ${later.length} migration`);
    for (const name of later) expect(upgraded.out).toContain(`  ${name}`);

    const after = kind === "sqlite" ? sqliteEngine(url.slice(5)) : await postgresEngine(url);
    try {
      for (const table of tables) {
        const [was] = before.get(table)!;
        // Later migrations may add rows (defaults); ours must be there with every value it had.
        const kept = Object.entries(was).filter(([column]) => !CHANGED_ON_PURPOSE.has(`${table}.${column}`));
        const now = await after.rows(table);
        const same = now.find((row) => kept.every(([column, value]) => comparable(row[column]) === comparable(value)));
        expect(same ? "kept" : { lost: was, now }, table).toBe("kept");
        for (const column of Object.keys(was).filter((c) => CHANGED_ON_PURPOSE.has(`${table}.${c}`))) expect(same![column], `${table}.${column}`).toBeTruthy();
      }
      // Columns derived from other rows are filled in for the data that was there.
      const messages = (await after.rows("ThreadEntry")).filter((e) => e.kind === "MESSAGE");
      const tickets = await after.rows("Ticket");
      expect(messages.length, "the filled thread has a requester's message").toBeGreaterThan(0);
      for (const ticket of tickets) {
        const times = messages.filter((e) => e.ticketId === ticket.id).map((e) => comparable(e.createdAt));
        expect(comparable(ticket.requesterWroteAt), `Ticket ${ticket.id}.requesterWroteAt`).toBe(times.length ? times.sort().at(-1) : comparable(null));
      }
    } finally {
      await after.close();
    }
    // A second upgrade has nothing to do.
    const again = await run(["scripts/manage.ts", "upgrade"], env);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("No migrations were pending");
  });
});
