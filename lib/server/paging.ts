// Paging and search for admin lists: 50 rows a page, one extra row fetched to know if there is a
// next page. Offset paging is enough for configuration lists of hundreds of rows.

export const PAGE_SIZE = 50;

export function pageArgs(page: number) {
  return { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 };
}

export function pageOf<T>(rows: T[], page: number): { rows: T[]; page: number; hasNext: boolean } {
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

// The database text search lives in the bottom layer, where lib/tickets can use it too.
export { containsText } from "@/lib/server/contains-text";
