// Paging and search for admin lists: 50 rows a page, one extra row fetched to know if there is a
// next page. Offset paging is enough for configuration lists of hundreds of rows.
import type { Db, Tx } from "@/lib/server/prisma";

export const PAGE_SIZE = 50;

export function pageArgs(page: number) {
  return { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 };
}

export function pageOf<T>(rows: T[], page: number): { rows: T[]; page: number; hasNext: boolean } {
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

/**
 * A case-insensitive "contains" on either database. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL needs mode "insensitive", which the SQLite client's types do not know, hence the cast.
 */
export function containsText(db: Db | Tx, q: string): { contains: string } {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return (provider === "postgresql" ? { contains: q, mode: "insensitive" } : { contains: q }) as { contains: string };
}
