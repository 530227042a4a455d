// Real databases for integration tests: a fresh SQLite file and a fresh PostgreSQL database per
// test file, migrated with the checked-in migrations, dropped afterwards.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseTarget, postgresConfig } from "@/lib/server/database-url";
import { createDb, type Db } from "@/lib/server/prisma";

export type TestDatabaseKind = "sqlite" | "postgresql";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Which engines this run covers. PostgreSQL is skipped only when explicitly turned off. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASES ? (process.env.TEST_DATABASES.split(",") as TestDatabaseKind[]) : ["sqlite", "postgresql"];
}

function migrate(url: string) {
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { cwd: path.resolve(__dirname, ".."), env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`migrate deploy failed for ${url}:\n${result.stdout}\n${result.stderr}`);
}

export type TestDatabase = { kind: TestDatabaseKind; url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const name = `helpdesk_test_${crypto.randomBytes(6).toString("hex")}`;
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-"));
    const url = `file:${path.join(dir, `${name}.db`)}`;
    migrate(url);
    const db = createDb(databaseTarget(url));
    return { kind, url, db, drop: async () => { await db.$disconnect(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const base = new URL(POSTGRES_ADMIN_URL);
  base.pathname = `/${name}`;
  const url = base.toString();
  migrate(url);
  const db = createDb(databaseTarget(url));
  return {
    kind,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      const client = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
