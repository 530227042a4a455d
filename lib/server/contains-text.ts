import { isPostgres } from "./database-kind";
import type { Db, Tx } from "./prisma";

/**
 * A case-insensitive "contains" on either database. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL needs mode "insensitive", which the SQLite client's types do not know, hence the cast.
 */
export function containsText(db: Db | Tx, q: string): { contains: string } {
  return (isPostgres(db) ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
}
