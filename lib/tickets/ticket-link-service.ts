import "server-only";
// The private link as a gate, and its renewal. A requester's reply is checked here before any of
// its files are read or written (lib/server/action-client.ts runs the gate first), and limited per
// link and per client address so that one leaked link cannot fill the disk. A requester who fears
// their link has spread asks for a new one: the ticket's key changes, which ends every old link at
// once, and the new link goes only to the address on the ticket, through the outbox.
import { notFound } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { enforceLimits, type Limit } from "@/lib/server/rate-limit";
import { loadSettings } from "@/lib/settings/store";
import type { RequesterActor } from "@/lib/auth/ticket-actor";
import { newAccessKey, ticketLinkPath, verifyAccessToken } from "./access-link";
import { mutateTicket } from "./mutate";

const MINUTE = 60_000;

export type TicketLink = { number: string; token: string };

/** Replies by private link: generous for a person writing back and forth, tight for a script. */
export function replyLimits(link: TicketLink, clientAddress: string | null): Limit[] {
  const limits: Limit[] = [{ key: `reply:ticket:${link.number}`, max: 20, windowMs: 10 * MINUTE }];
  if (clientAddress) limits.push({ key: `reply:ip:${clientAddress}`, max: 60, windowMs: 10 * MINUTE });
  return limits;
}

/** New links send mail: a few an hour per ticket, a few more per address. */
export function renewLimits(link: TicketLink, clientAddress: string | null): Limit[] {
  const limits: Limit[] = [{ key: `renew-link:ticket:${link.number}`, max: 3, windowMs: 60 * MINUTE }];
  if (clientAddress) limits.push({ key: `renew-link:ip:${clientAddress}`, max: 10, windowMs: 60 * MINUTE });
  return limits;
}

/** The ticket behind a valid link; a wrong number and a wrong token are the same "not found". */
export async function ticketForLink(db: Db, link: TicketLink) {
  const ticket = await db.ticket.findUnique({ where: { number: link.number }, select: { id: true, number: true, accessKey: true } });
  if (!ticket || !verifyAccessToken(ticket.number, ticket.accessKey, link.token)) throw notFound();
  return ticket;
}

/** Before a requester's reply is read any further: the link must be valid, then the limits must allow it. */
export async function gateRequesterReply(db: Db, link: TicketLink, clientAddress: string | null): Promise<void> {
  await ticketForLink(db, link);
  await enforceLimits(db, replyLimits(link, clientAddress));
}

/**
 * Ends the link at once and mails a new one to the requester, through the one ticket mutation (so
 * the change is versioned and in history). Two requests at once with the same link: only the first
 * finds the old key; the second is "not found", like any other dead link.
 */
export async function renewTicketLink(db: Db, link: TicketLink, clientAddress: string | null): Promise<void> {
  const ticket = await ticketForLink(db, link);
  await enforceLimits(db, renewLimits(link, clientAddress));
  const settings = await loadSettings(db);
  const base = (settings.helpdeskUrl || process.env.APP_URL || "").replace(/\/+$/, "");
  const requester = await db.requester.findFirstOrThrow({ where: { tickets: { some: { id: ticket.id } } }, select: { id: true, name: true } });
  const actor: RequesterActor = { kind: "requester", requesterId: requester.id, name: requester.name };
  await mutateTicket(db, actor, { ticketId: ticket.id }, "requester.renew-link", async (current, tx) => {
    if (current.accessKey !== ticket.accessKey) throw notFound();
    const accessKey = newAccessKey();
    await tx.outboxMessage.create({
      data: {
        toAddress: current.requester.email,
        ticketId: ticket.id,
        subject: `[#${ticket.number}] Your new link to “${current.subject}”`,
        textBody: `Hello ${current.requester.name},\n\nAs you asked, here is a new private link to your ticket #${ticket.number}:\n${base}${ticketLinkPath(ticket.number, accessKey)}\n\nThe old link no longer works. Keep this one to yourself: anyone with the link can read and answer the ticket.\n\n${settings.helpdeskName}`,
      },
    });
    return { data: { accessKey }, events: [{ type: "requester_new_link" }] };
  });
}
