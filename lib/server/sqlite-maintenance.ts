// SQLite keeps its query planner's statistics only as fresh as the last ANALYZE. The connection
// runs `PRAGMA optimize` when it opens (lib/server/prisma.ts); a server that stays up for months
// while the help desk grows runs it again now and then. It is a no-op unless a table has changed a
// lot since its last analysis.
import { databaseTarget } from "./database-url";
import { logger } from "./logger";
import type { Db } from "./prisma";

const EVERY_MS = 6 * 3_600_000;

export async function optimizeSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA optimize = 0x10002");
}

/** Starts the periodic optimize on the embedded database; nothing on PostgreSQL (autovacuum analyses). */
export function startSqliteMaintenance(db: Db, url = process.env.DATABASE_URL): () => void {
  if (databaseTarget(url).provider !== "sqlite") return () => {};
  const timer = setInterval(() => optimizeSqlite(db).catch((error) => logger.error({ err: error }, "sqlite optimize failed")), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
