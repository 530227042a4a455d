// Driver adapters for the Prisma CLI's JavaScript schema engine, with the work-arounds for the
// upstream bugs listed in ../shared/TECH-NOTES.md.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "../lib/server/database-url";
import { postgresConfig } from "../lib/server/database-url";

type Factory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

/**
 * The engine replays multi-statement migration.sql files through executeRaw, which better-sqlite3
 * refuses ("contains more than one statement"); argument-less SQL can go through executeScript.
 * https://github.com/prisma/prisma/issues/27297 (TECH-NOTES item 2)
 */
function routeScriptsThroughExecuteScript(adapter: Adapter): Adapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/**
 * PostgreSQL catalog queries return `name` and `"char"` columns (type ids 19 and 18), which the pg
 * adapter refuses to deserialise; they are plain text (25). https://github.com/prisma/prisma/issues/27403
 */
const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;
function catalogTypesAsText(adapter: Adapter): Adapter {
  const io = adapter as unknown as { performIO: (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = io.performIO.bind(adapter);
  io.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_NAME || field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
    return result;
  };
  return adapter;
}

function wrapFactory(factory: Factory, wrap: (a: Adapter) => Adapter): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await (factory instanceof PrismaPg ? pgShadowDatabase(factory) : factory.connectToShadowDb())),
  };
}

/**
 * The adapter drops its shadow database before closing the pool that is still connected to it,
 * so the DROP fails; close the pool first (TECH-NOTES item 5).
 */
async function pgShadowDatabase(factory: PrismaPg) {
  const admin = await factory.connect();
  const config = (factory as unknown as { config: pg.PoolConfig }).config;
  const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
  await admin.executeScript(`CREATE DATABASE "${database}"`);
  const pool = new pg.Pool({ ...config, database });
  const shadow = new PrismaPg(pool, { disposeExternalPool: true });
  const adapter = await shadow.connect();
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.dispose();
  };
  return adapter;
}

export async function migrationAdapterFactory(target: DatabaseTarget) {
  if (target.provider === "sqlite") {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return wrapFactory(new PrismaBetterSQLite3({ url: target.file }), routeScriptsThroughExecuteScript);
  }
  // allowExitOnIdle: without it every CLI command idles 10 s before exiting (TECH-NOTES item 6).
  return wrapFactory(new PrismaPg({ ...postgresConfig(target.url), allowExitOnIdle: true }), catalogTypesAsText);
}
