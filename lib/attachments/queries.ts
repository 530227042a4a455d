import "server-only";
// Reads of attachments for download routes. A staff member gets only a file of a ticket they may see.
import type { StaffActor } from "@/lib/auth/actor";
import { ticketScope } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";

/** An attachment of a ticket in the actor's scope, or null (the same answer for "no such file" and "not yours"). */
export function staffAttachment(actor: StaffActor, id: number) {
  return db.attachment.findFirst({ where: { id, ticket: ticketScope(actor) }, select: { fileName: true, storageKey: true } });
}
