import "server-only";
// Reads of a ticket's mail for the agent's ticket page. The ticket comes from the workspace read
// (lib/tickets/queries.ts workspaceFor), which already holds it to the actor's scope.
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { mailNoticesForTicket } from "./inbound/ticket-notices";
import { inlineImagesForEntries } from "./inline-images-query";

/** What agents must know about the ticket's mail: unclear senders, reused Message-IDs, bounces. */
export const mailNoticesFor = cache((_actor: StaffActor, ticketId: number) => mailNoticesForTicket(db, ticketId));

/** The inline images of the ticket's mail entries, by entry id. */
export function inlineImagesFor(_actor: StaffActor, entries: { id: number; bodyHtml: string | null }[]) {
  return inlineImagesForEntries(db, entries);
}
