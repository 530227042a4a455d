import "server-only";
// Reads for the requester portal's pages. Nothing here depends on who is asking: the portal has no
// accounts, so it only ever shows what is public.
import type { Db } from "@/lib/server/prisma";

export type PublicHelpTopic = { id: number; label: string };

type TopicRow = { id: number; name: string; parentId: number | null; sortOrder: number };

/**
 * Active, public help topics of departments that are not archived, for the "open a ticket" form.
 * A nested topic reads "Parent › Child" and sits under its parent; siblings go by sort order, then
 * name. The same rule as openTicket's, so every listed topic is accepted.
 */
export async function listPublicHelpTopics(db: Db): Promise<PublicHelpTopic[]> {
  const [selectable, all] = await Promise.all([
    db.helpTopic.findMany({ where: { active: true, isPublic: true, department: { archivedAt: null } }, select: { id: true } }),
    db.helpTopic.findMany({ select: { id: true, name: true, parentId: true, sortOrder: true } }),
  ]);
  const byId = new Map(all.map((t) => [t.id, t]));
  const pathOf = (topic: TopicRow): TopicRow[] => {
    const path: TopicRow[] = [];
    // The seen-set guards against a parent cycle an admin might have saved.
    for (let t: TopicRow | undefined = topic, seen = new Set<number>(); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
      seen.add(t.id);
      path.unshift(t);
    }
    return path;
  };
  const rows = selectable.map(({ id }) => pathOf(byId.get(id)!));
  rows.sort(comparePaths);
  return rows.map((path) => ({ id: path[path.length - 1].id, label: path.map((t) => t.name).join(" › ") }));
}

function comparePaths(a: TopicRow[], b: TopicRow[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = a[i].sortOrder - b[i].sortOrder || a[i].name.localeCompare(b[i].name) || a[i].id - b[i].id;
    if (order) return order;
  }
  return a.length - b.length;
}
