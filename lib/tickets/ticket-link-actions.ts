"use server";
// "Send me a new link" on the requester's ticket page: anyone holding the link may call it, and
// the new link goes only to the requester's mailbox (lib/tickets/ticket-link-service.ts).
import { publicAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { requestIp } from "@/lib/server/request-ip";
import { ZTicketLink } from "./schemas";
import { renewTicketLink } from "./ticket-link-service";

export const renewTicketLinkAction = publicAction(ZTicketLink, async (link) => {
  // No revalidation: the page at the old address is gone, and re-rendering it would only say so.
  await renewTicketLink(db, link, await requestIp());
  return { sent: true };
});
