import "server-only";
// The inline images of a ticket's mail entries, read from storage for resolveCidLinks. Called for
// entries of a ticket the agent already has in scope.
import { readFile } from "@/lib/attachments/storage";
import type { Db } from "@/lib/server/prisma";
import { INLINE_TYPES, MAX_INLINE_BYTES, MAX_INLINE_TOTAL, type InlineImage } from "./inline-images";

export async function inlineImagesForEntries(db: Db, entries: { id: number; bodyHtml: string | null }[]): Promise<Map<number, InlineImage[]>> {
  const wanted = entries.filter((e) => e.bodyHtml && /cid:/i.test(e.bodyHtml)).map((e) => e.id);
  const result = new Map<number, InlineImage[]>();
  if (!wanted.length) return result;
  const rows = await db.attachment.findMany({
    where: { entryId: { in: wanted }, contentId: { not: null }, contentType: { in: [...INLINE_TYPES] }, size: { lte: MAX_INLINE_BYTES } },
    orderBy: { id: "asc" },
    select: { entryId: true, contentId: true, contentType: true, storageKey: true, size: true },
  });
  const totals = new Map<number, number>();
  for (const row of rows) {
    const total = (totals.get(row.entryId!) ?? 0) + row.size;
    if (total > MAX_INLINE_TOTAL) continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(row.storageKey);
    } catch {
      continue; // missing from storage: the image shows as missing, the thread still renders
    }
    totals.set(row.entryId!, total);
    result.set(row.entryId!, [...(result.get(row.entryId!) ?? []), { contentId: row.contentId!, contentType: row.contentType, bytes }]);
  }
  return result;
}
