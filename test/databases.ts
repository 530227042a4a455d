// Real databases for integration tests: a fresh SQLite file and a fresh PostgreSQL database per
// test file, with the checked-in migrations applied, dropped afterwards.
//
// Applying the migrations (`prisma migrate deploy`, a CLI run of several seconds) once per file and
// engine was the largest fixed cost of the suite. Instead each run migrates one template per engine,
// the first time a file asks for one, and every file gets a copy: SQLite copies the file, PostgreSQL
// `CREATE DATABASE … TEMPLATE`, which copies the template's files. The copy is the migrated schema
// itself, so every test still runs on exactly what the migrations produce. test/global-setup.ts
// names the run's templates and removes them at the end.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { databaseTarget, postgresConfig } from "@/lib/server/database-url";
import { createDb, type Db } from "@/lib/server/prisma";

export type TestDatabaseKind = "sqlite" | "postgresql";

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Which engines this run covers. PostgreSQL is skipped only when explicitly turned off. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASES ? (process.env.TEST_DATABASES.split(",") as TestDatabaseKind[]) : ["sqlite", "postgresql"];
}

/** Where this run keeps its templates (see test/global-setup.ts). */
export type TemplateLocation = { sqliteDir: string; postgresName: string };

declare module "vitest" {
  interface ProvidedContext {
    databaseTemplates: TemplateLocation;
  }
}

export function migrate(url: string) {
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { cwd: path.resolve(__dirname, ".."), env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`migrate deploy failed for ${url}:\n${result.stdout}\n${result.stderr}`);
}

export function postgresUrl(database: string) {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(postgresConfig(POSTGRES_ADMIN_URL));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The run's migrated SQLite template. Test files run in several processes at once: the first to
 * take the lock (an exclusive mkdir) migrates, the others wait for its "ready" or "failed" mark.
 */
async function sqliteTemplate(dir: string): Promise<string> {
  const file = path.join(dir, "template.db");
  const ready = `${file}.ready`;
  const failed = `${file}.failed`;
  if (fs.existsSync(ready)) return file;
  let owner = true;
  try {
    fs.mkdirSync(path.join(dir, "lock"), { recursive: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    owner = false;
  }
  if (owner) {
    try {
      migrate(`file:${file}`);
    } catch (error) {
      fs.writeFileSync(failed, (error as Error).message);
      throw error;
    }
    fs.writeFileSync(ready, "");
    return file;
  }
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (fs.existsSync(ready)) return file;
    if (fs.existsSync(failed)) throw new Error(`the SQLite template could not be migrated:\n${fs.readFileSync(failed, "utf8")}`);
    await sleep(100);
  }
  throw new Error(`the SQLite template in ${dir} was not ready within 3 minutes`);
}

/**
 * The run's migrated PostgreSQL template. An advisory lock lets one process create and migrate it
 * while the others wait; none copies it while the migration still holds connections to it.
 */
async function postgresTemplate(name: string): Promise<string> {
  return asAdmin(async (client) => {
    const key = crypto.createHash("sha256").update(name).digest().readInt32BE(0);
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!rowCount) {
        await client.query(`CREATE DATABASE "${name}"`);
        try {
          migrate(postgresUrl(name));
        } catch (error) {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          throw error;
        }
      }
      return name;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [key]);
    }
  });
}

/** This run's template locations, named by test/global-setup.ts. */
function templates(): TemplateLocation {
  const provided = inject("databaseTemplates");
  if (!provided) throw new Error("No database templates: createTestDatabase needs the global setup of vitest.config.mts (test/global-setup.ts).");
  return provided;
}

export type TestDatabase = { kind: TestDatabaseKind; url: string; db: Db; drop: () => Promise<void> };

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const name = `helpdesk_test_${crypto.randomBytes(6).toString("hex")}`;
  const location = templates();
  if (kind === "sqlite") {
    const template = await sqliteTemplate(location.sqliteDir);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-"));
    const file = path.join(dir, `${name}.db`);
    // The migration CLI leaves a rollback-journal database: one file holds all of it.
    fs.copyFileSync(template, file);
    const url = `file:${file}`;
    const db = createDb(databaseTarget(url));
    return { kind, url, db, drop: async () => { await db.$disconnect(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const template = await postgresTemplate(location.postgresName);
  await asAdmin(async (client) => {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    // A throw-away database: commits need not wait for the disk (see scripts/test-scratch.cjs).
    await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  });
  const url = postgresUrl(name);
  const db = createDb(databaseTarget(url));
  return {
    kind,
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Removes a run's templates (test/global-setup.ts, at the end of the run). */
export async function dropTemplates(location: TemplateLocation, kinds: TestDatabaseKind[]) {
  fs.rmSync(location.sqliteDir, { recursive: true, force: true });
  if (kinds.includes("postgresql")) await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${location.postgresName}" WITH (FORCE)`));
}
