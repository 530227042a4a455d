import "server-only";
// POST /api/tickets.email, as osTicket's pipe: the MTA (or a pipe script) posts the raw message.
// Any 201 means "kept" (a ticket, a reply, a duplicate, ignored by the loop guard or quarantined):
// the MTA must not retry. A 5xx means nothing was stored and the MTA should try again later.
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import type { Db } from "@/lib/server/prisma";
import { clientIp, verifyApiKey } from "./api-keys";
import { plainText, readLimited } from "./responses";

export const MAX_PIPED_MAIL_BYTES = 30 * 1024 * 1024;

export async function handlePipedMail(db: Db, request: Request, socketAddress?: string | null): Promise<Response> {
  const auth = await verifyApiKey(db, request.headers.get("x-api-key"), "mail:pipe", clientIp(request, socketAddress));
  if (!auth.ok) return plainText(auth.status, auth.message);
  const raw = await readLimited(request, MAX_PIPED_MAIL_BYTES);
  if (raw === null) return plainText(413, `Email too large (limit ${MAX_PIPED_MAIL_BYTES / 1024 / 1024} MB)`);
  if (!raw.toString("latin1", 0, Math.min(raw.length, 64 * 1024)).trim()) return plainText(400, "Email content required");
  try {
    const result = await ingestMessage(db, raw, { mailbox: "pipe" });
    return plainText(201, result.ticketNumber ?? result.state.toLowerCase());
  } catch (error) {
    // Not even the quarantine could be written (the database is down): let the MTA retry.
    console.error("mail pipe: message not stored", error);
    return plainText(503, "Temporarily unable to store the message");
  }
}
