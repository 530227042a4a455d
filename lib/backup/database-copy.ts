// The database part of a backup: a consistent snapshot while the help desk keeps running, and
// putting one back. SQLite: the online backup API of better-sqlite3 (pages copied under a read
// lock, so writers carry on). PostgreSQL: pg_dump's custom format, restored with pg_restore.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "@/lib/server/database-url";
import { postgresConfig } from "@/lib/server/database-url";
import { AppError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { postgresSchema, runPostgresTool } from "./postgres-tools";

export const DATABASE_FILE = { sqlite: "database/helpdesk.db", postgresql: "database/helpdesk.dump" } as const;

export async function snapshotDatabase(target: DatabaseTarget, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (target.provider === "sqlite") {
    if (!fs.existsSync(target.file)) throw new AppError("NOT_FOUND", `There is no database at ${target.file}.`);
    const source = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
    return;
  }
  await runPostgresTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--schema=${postgresSchema(target.url)}`, `--file=${out}`], target.url);
}

/** Names of the migrations applied to the database (none on an empty one). */
export async function appliedMigrations(db: Db): Promise<string[]> {
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
    return rows.map((r) => r.migration_name);
  } catch (error) {
    if (/_prisma_migrations|no such table|does not exist/i.test(String((error as Error)?.message))) return [];
    throw error;
  }
}

/**
 * Replaces the database with the snapshot. SQLite: the old files are moved aside (returned, for
 * undoing) and the snapshot copied into place. PostgreSQL: the schema is dropped and the dump
 * restored in one transaction; the caller has taken a backup of what was there first.
 */
export async function restoreDatabase(target: DatabaseTarget, snapshot: string, asideSuffix: string): Promise<{ undo: () => void; done: () => void }> {
  if (target.provider === "sqlite") {
    const moved: [string, string][] = [];
    for (const suffix of ["", "-wal", "-shm"]) {
      const file = `${target.file}${suffix}`;
      if (fs.existsSync(file)) {
        fs.renameSync(file, `${file}${asideSuffix}`);
        moved.push([file, `${file}${asideSuffix}`]);
      }
    }
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    fs.copyFileSync(snapshot, target.file);
    return {
      undo: () => {
        fs.rmSync(target.file, { force: true });
        for (const [file, aside] of moved) fs.renameSync(aside, file);
      },
      done: () => {
        for (const [, aside] of moved) fs.rmSync(aside, { force: true });
      },
    };
  }
  const schema = postgresSchema(target.url);
  const client = new pg.Client(postgresConfig(target.url));
  await client.connect();
  try {
    const quoted = `"${schema.replace(/"/g, '""')}"`;
    // The dump creates the schema itself (pg_dump --schema writes CREATE SCHEMA).
    await client.query(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
  } finally {
    await client.end();
  }
  await runPostgresTool("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${postgresConfig(target.url).database ?? "postgres"}`, snapshot], target.url);
  return { undo: () => undefined, done: () => undefined };
}
