import "server-only";
// What the inbound pipeline knows about a ticket's mail that agents must see on the ticket: a
// sender that was unclear (with the From: line as it came), a Message-ID another message had used,
// and delivery failure reports about the ticket's mail. Read for a ticket already in the agent's scope.
import type { Db } from "@/lib/server/prisma";

export type MailNotice = {
  id: number;
  kind: "sender-unclear" | "reused-message-id" | "bounce";
  receivedAt: Date;
  subject: string | null;
  /** The From: line as received (sender-unclear), or the report's summary (bounce). */
  detail: string | null;
};

const SHOWN = 20;

export async function mailNoticesForTicket(db: Db, ticketId: number): Promise<MailNotice[]> {
  const rows = await db.inboundMessage.findMany({
    where: { ticketId, OR: [{ senderUnclear: true }, { reusedMessageId: true }, { state: "BOUNCE" }] },
    orderBy: { id: "desc" },
    take: SHOWN,
    select: { id: true, state: true, senderUnclear: true, reusedMessageId: true, rawFrom: true, error: true, subject: true, receivedAt: true },
  });
  return rows.flatMap((r): MailNotice[] => {
    const base = { id: r.id, receivedAt: r.receivedAt, subject: r.subject };
    if (r.state === "BOUNCE") return [{ ...base, kind: "bounce", detail: r.error }];
    return [
      ...(r.senderUnclear ? [{ ...base, kind: "sender-unclear" as const, detail: r.rawFrom }] : []),
      ...(r.reusedMessageId ? [{ ...base, kind: "reused-message-id" as const, detail: null }] : []),
    ];
  });
}
