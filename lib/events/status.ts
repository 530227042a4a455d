import "server-only";
// How far each durable subscriber has got through the event stream (lib/events/dispatcher.ts), for
// an administrator: its position, how many events wait after it, the event it is stuck on with
// its failures and last error, and which process holds its lease. Read-only; it never claims.
import type { Db } from "@/lib/server/prisma";

/** The dispatcher stores up to 1,000 characters of an error (kind and message only); a card shows less. */
export const SHOWN_ERROR_LENGTH = 200;

export type SubscriberStatus = {
  name: string;
  lastEventId: number;
  /** Events after the position (all types: a subscriber skips the ones it does not handle as it passes them). */
  backlog: number;
  failures: number;
  /** The event the failures are on (the first after the position), when it is failing. */
  stuckOnEventId: number | null;
  /** Cut to SHOWN_ERROR_LENGTH characters, "…" marking the cut. Plain text: the page escapes it. */
  lastError: string | null;
  /** The process running it now; null when no lease is held or the last one has expired. */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
};

function cut(text: string | null): string | null {
  if (text === null) return null;
  return text.length > SHOWN_ERROR_LENGTH ? `${text.slice(0, SHOWN_ERROR_LENGTH - 1)}…` : text;
}

export async function subscriberStatuses(db: Db, now = new Date()): Promise<SubscriberStatus[]> {
  const rows = await db.eventSubscriberPosition.findMany({ orderBy: { name: "asc" } });
  // One count and one lookup per subscriber: there are a handful, and each is an index range on the primary key.
  return Promise.all(
    rows.map(async (row) => {
      const [backlog, next] = await Promise.all([
        db.ticketEvent.count({ where: { id: { gt: row.lastEventId } } }),
        row.failures > 0 ? db.ticketEvent.findFirst({ where: { id: { gt: row.lastEventId } }, orderBy: { id: "asc" }, select: { id: true } }) : null,
      ]);
      const leased = row.leaseOwner !== null && row.leaseUntil !== null && row.leaseUntil > now;
      return {
        name: row.name,
        lastEventId: row.lastEventId,
        backlog,
        failures: row.failures,
        stuckOnEventId: next?.id ?? null,
        lastError: row.failures > 0 ? cut(row.lastError) : null,
        leaseOwner: leased ? row.leaseOwner : null,
        leaseUntil: leased ? row.leaseUntil : null,
        updatedAt: row.updatedAt,
      };
    }),
  );
}
