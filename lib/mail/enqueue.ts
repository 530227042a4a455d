import "server-only";
// Writes outgoing mail into the outbox inside the transaction of the event that causes it, so a
// rolled-back change sends nothing and a committed one is never forgotten. The outbox worker sends.
// Automatic mail to the requester is never sent to a machine's address (see the inbound auto-reply rules).
import crypto from "node:crypto";
import type { Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { ticketLinkPath } from "@/lib/tickets/access-link";
import { helpdeskBaseUrl, mailDomain } from "./domain";
import { outgoingMessageId } from "./inbound/ticket-ref";
import { agentReplyMail, newTicketAutoResponse, resolutionNotice, staffAlert, type MailContent } from "./templates";

export type TicketMailEvent =
  | { type: "opened"; ticketId: number; autoRespond: boolean; alertStaff: boolean }
  | { type: "replied"; ticketId: number; entryId: number }
  | { type: "resolved"; ticketId: number }
  | { type: "transferred"; ticketId: number; departmentId: number; actorId: number; reason: string }
  | { type: "assigned"; ticketId: number; staffIds: number[]; actorId: number }
  | { type: "mentioned"; ticketId: number; staffIds: number[]; actorId: number; excerpt: string };

const MACHINE_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i;

export async function enqueueTicketMail(tx: Tx, event: TicketMailEvent): Promise<void> {
  const ticket = await tx.ticket.findUnique({ where: { id: event.ticketId }, include: { requester: true, department: { select: { name: true } } } });
  if (!ticket) return;
  const settings = await loadSettings(tx);
  const base = helpdeskBaseUrl(settings);
  const domain = mailDomain(settings);
  const facts = { number: ticket.number, subject: ticket.subject, requesterName: ticket.requester.name, helpdeskName: settings.helpdeskName, link: `${base}${ticketLinkPath(ticket.number, ticket.accessKey)}` };
  const staffLink = `${base}/agent/tickets/${encodeURIComponent(ticket.number)}`;
  const firstMessageId = (await tx.threadEntry.findFirst({ where: { ticketId: ticket.id, messageId: { not: null } }, orderBy: { id: "asc" }, select: { messageId: true } }))?.messageId;
  const lastRequesterMessageId = (await tx.threadEntry.findFirst({ where: { ticketId: ticket.id, kind: "MESSAGE", messageId: { not: null } }, orderBy: { id: "desc" }, select: { messageId: true } }))?.messageId;

  const put = async (to: string, mail: MailContent, automatic = true) => {
    const messageId = outgoingMessageId(ticket.number, crypto.randomBytes(8).toString("hex"), domain);
    const references = [...new Set([firstMessageId, lastRequesterMessageId].filter((x): x is string => !!x))];
    // RFC 3834: machine-written mail says so, so that auto-responders do not answer it (mail loops).
    const headers: Record<string, string> = { "Message-ID": messageId, ...(automatic ? { "Auto-Submitted": "auto-generated" } : {}) };
    if (references.length) Object.assign(headers, { "In-Reply-To": references[references.length - 1], References: references.join(" ") });
    await tx.outboxMessage.create({ data: { toAddress: to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, headers: JSON.stringify(headers), ticketId: ticket.id } });
    return messageId;
  };
  const toRequester = !MACHINE_SENDER.test(ticket.requester.email);
  const alertStaff = async (staffIds: number[], kind: "opened" | "transferred" | "assigned" | "mentioned", what: string, actorId?: number) => {
    const staff = await tx.staff.findMany({ where: { id: { in: [...new Set(staffIds)].filter((id) => id !== actorId) }, active: true }, select: { email: true } });
    for (const s of staff) await put(s.email, staffAlert(kind, { number: ticket.number, subject: ticket.subject, link: staffLink, helpdeskName: settings.helpdeskName, what }));
  };
  const departmentStaff = async (departmentId: number) => (await tx.staffDepartment.findMany({ where: { departmentId }, select: { staffId: true } })).map((m) => m.staffId);

  switch (event.type) {
    case "opened":
      if (event.autoRespond && toRequester) await put(ticket.requester.email, newTicketAutoResponse(facts));
      if (event.alertStaff) await alertStaff(await departmentStaff(ticket.departmentId), "opened", `${ticket.requester.name} <${ticket.requester.email}> opened #${ticket.number} in ${ticket.department.name}.`);
      return;
    case "replied": {
      const entry = await tx.threadEntry.findUniqueOrThrow({ where: { id: event.entryId }, include: { authorStaff: { select: { name: true } } } });
      const earlier = await tx.threadEntry.findMany({ where: { ticketId: ticket.id, kind: { in: ["MESSAGE", "REPLY"] }, id: { lt: entry.id } }, orderBy: { id: "desc" }, take: 3, include: { authorStaff: { select: { name: true } } } });
      const mail = agentReplyMail({ ...facts, agentName: entry.authorStaff?.name ?? "Support", body: entry.body, earlier: earlier.map((e) => ({ author: e.kind === "REPLY" ? (e.authorStaff?.name ?? "Support") : ticket.requester.name, at: e.createdAt, body: e.body })) });
      // The reply's entry carries the Message-ID of the mail that carries it: the answer threads by it.
      const messageId = await put(ticket.requester.email, mail, false);
      await tx.threadEntry.update({ where: { id: entry.id }, data: { messageId } });
      return;
    }
    case "resolved":
      // The resolution note is internal; the requester hears that it is resolved, not the note.
      if (toRequester) await put(ticket.requester.email, resolutionNotice(facts));
      return;
    case "transferred": {
      // Called before the ticket row changes: name the target department, not the ticket's current one.
      const target = await tx.department.findUnique({ where: { id: event.departmentId }, select: { name: true } });
      await alertStaff(await departmentStaff(event.departmentId), "transferred", `#${ticket.number} “${ticket.subject}” was transferred to ${target?.name ?? "your department"}: ${event.reason}`, event.actorId);
      return;
    }
      return;
    case "assigned":
      await alertStaff(event.staffIds, "assigned", `#${ticket.number} “${ticket.subject}” was assigned to you.`, event.actorId);
      return;
    case "mentioned":
      await alertStaff(event.staffIds, "mentioned", `You were mentioned in a note on #${ticket.number}:\n${event.excerpt.slice(0, 500)}`, event.actorId);
  }
}
