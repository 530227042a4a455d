import type { Db, Tx } from "./prisma";

/**
 * Whether a client (or a transaction of one) talks to PostgreSQL. Prisma exposes the provider only on
 * an internal field; read in this one place so a Prisma upgrade that renames it breaks one function.
 */
export function isPostgres(db: Db | Tx): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}
