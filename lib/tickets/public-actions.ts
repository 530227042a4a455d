"use server";
// The requester portal's actions: anyone may call them; the private link (number and token) is the
// only key to an existing ticket, and the service checks it on every call.
import { revalidatePath } from "next/cache";
import { publicAction, publicUploadAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { enforceLimits, type Limit } from "@/lib/server/rate-limit";
import { requestIp } from "@/lib/server/request-ip";
import { openTicket, requesterReply, requesterSetOpen, requestTicketLink } from "./requester-service";
import { gateRequesterReply } from "./ticket-link-service";
import { ZCheckStatus, ZOpenTicket, ZRequesterReply, ZTicketLink } from "./schemas";

const ticketPage = (number: string, token: string) => `/t/${encodeURIComponent(number)}/${token}`;

const MINUTE = 60_000;

/**
 * Limits on the portal's forms: generous for people (a whole office may share one address), tight
 * enough that a script cannot flood the queue or use the status form to mail a stranger all day.
 */
async function portalLimits(form: "open" | "status", email: string): Promise<Limit[]> {
  const ip = await requestIp();
  const limits: Limit[] = form === "open" ? [{ key: `open:email:${email}`, max: 10, windowMs: 10 * MINUTE }] : [{ key: `status:email:${email}`, max: 5, windowMs: 60 * MINUTE }];
  if (ip) limits.push({ key: `${form}:ip:${ip}`, max: form === "open" ? 30 : 20, windowMs: 10 * MINUTE });
  return limits;
}

export const openTicketAction = publicUploadAction(ZOpenTicket, async (input, files) => {
  // A resubmission of a form already taken is answered, not counted.
  if (!input.clientKey || !(await db.ticket.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } }))) await enforceLimits(db, await portalLimits("open", input.email));
  return openTicket(db, input, files);
});

export const requesterReplyAction = publicUploadAction(
  ZRequesterReply.extend(ZTicketLink.shape),
  async ({ number, token, ...reply }, files) => {
    await requesterReply(db, number, token, reply, files);
    revalidatePath(ticketPage(number, token));
    return { sent: true };
  },
  // The link and the limits are checked before a single file is written.
  async ({ number, token }) => gateRequesterReply(db, { number, token }, await requestIp()),
);

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
  await enforceLimits(db, await portalLimits("status", input.email));
  // People copy the number as shown, "#482913".
  await requestTicketLink(db, { ...input, number: input.number.replace(/^#/, "") });
  return { sent: true };
});
