"use server";
// The requester portal's actions: anyone may call them; the private link (number and token) is the
// only key to an existing ticket, and the service checks it on every call.
import { revalidatePath } from "next/cache";
import { publicAction, publicUploadAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { openTicket, requesterReply, requesterSetOpen, requestTicketLink } from "./requester-service";
import { ZCheckStatus, ZOpenTicket, ZRequesterReply, ZTicketLink } from "./schemas";

const ticketPage = (number: string, token: string) => `/t/${encodeURIComponent(number)}/${token}`;

export const openTicketAction = publicUploadAction(ZOpenTicket, async (input, files) => openTicket(db, input, files));

export const requesterReplyAction = publicUploadAction(ZRequesterReply.extend(ZTicketLink.shape), async ({ number, token, ...reply }, files) => {
  await requesterReply(db, number, token, reply, files);
  revalidatePath(ticketPage(number, token));
  return { sent: true };
});

export const closeTicketAction = publicAction(ZTicketLink, async ({ number, token }) => {
  await requesterSetOpen(db, number, token, false);
  revalidatePath(ticketPage(number, token));
  return { open: false };
});

export const reopenTicketAction = publicAction(ZTicketLink, async ({ number, token }) => {
  await requesterSetOpen(db, number, token, true);
  revalidatePath(ticketPage(number, token));
  return { open: true };
});

/** Always the same answer, whether or not the pair matches a ticket (see requestTicketLink). */
export const checkStatusAction = publicAction(ZCheckStatus, async (input) => {
  // People copy the number as shown, "#482913".
  await requestTicketLink(db, { ...input, number: input.number.replace(/^#/, "") });
  return { sent: true };
});
