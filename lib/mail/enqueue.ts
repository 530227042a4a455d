import "server-only";
// Writes outgoing mail into the outbox inside the transaction of the event that causes it, so a
// rolled-back change sends nothing and a committed one is never forgotten. The outbox worker sends.
// Texts come from the admin's templates (or the built-in ones): template-store.ts.
// Automatic mail to the requester is never sent to a machine's address (see the inbound auto-reply rules).
import crypto from "node:crypto";
import type { Tx } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { ticketLinkPath } from "@/lib/tickets/access-link";
import { helpdeskBaseUrl, mailDomain } from "./domain";
import { outgoingMessageId } from "./inbound/ticket-ref";
import { staffAlertMessageId } from "./staff-reply-token";
import { mailRenderer } from "./template-store";
import { viewFromFlat } from "./template-variables";
import type { MailContent } from "./templates";

export type TicketMailEvent =
  | { type: "opened"; ticketId: number; autoRespond: boolean; alertStaff: boolean }
  | { type: "replied"; ticketId: number; entryId: number }
  | { type: "resolved"; ticketId: number }
  | { type: "transferred"; ticketId: number; departmentId: number; actorId: number; reason: string }
  | { type: "assigned"; ticketId: number; staffIds: number[]; actorId: number }
  | { type: "mentioned"; ticketId: number; staffIds: number[]; actorId: number; excerpt: string };

const MACHINE_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)(@|$)/i;
// The placeholder an unclear sender is filed under (inbound/sender.ts): no mail at all goes there.
const UNDELIVERABLE = /@[^@]*\.invalid$/i;

const quote = (body: string) => body.split("\n").map((l) => `> ${l}`).join("\n");

export async function enqueueTicketMail(tx: Tx, event: TicketMailEvent): Promise<void> {
  const ticket = await tx.ticket.findUnique({ where: { id: event.ticketId }, include: { requester: true, department: { select: { name: true } } } });
  if (!ticket) return;
  const settings = await loadSettings(tx);
  const base = helpdeskBaseUrl(settings);
  const domain = mailDomain(settings);
  const common = {
    "helpdesk.name": settings.helpdeskName,
    "ticket.number": ticket.number,
    "ticket.subject": ticket.subject,
    "requester.name": ticket.requester.name,
    "requester.email": ticket.requester.email,
    "department.name": ticket.department.name,
  };
  const requesterLink = `${base}${ticketLinkPath(ticket.number, ticket.accessKey)}`;
  const staffLink = `${base}/agent/tickets/${encodeURIComponent(ticket.number)}`;
  // Only the conversation with the requester threads: an internal note posted by mail keeps its
  // Message-ID too, and that must not travel to the requester in References.
  const firstMessageId = (await tx.threadEntry.findFirst({ where: { ticketId: ticket.id, kind: { in: ["MESSAGE", "REPLY"] }, messageId: { not: null } }, orderBy: { id: "asc" }, select: { messageId: true } }))?.messageId;
  const lastRequesterMessageId = (await tx.threadEntry.findFirst({ where: { ticketId: ticket.id, kind: "MESSAGE", messageId: { not: null } }, orderBy: { id: "desc" }, select: { messageId: true } }))?.messageId;

  const put = async (to: string, mail: MailContent, { automatic = true, messageId = outgoingMessageId(ticket.number, crypto.randomBytes(8).toString("hex"), domain) } = {}) => {
    const references = [...new Set([firstMessageId, lastRequesterMessageId].filter((x): x is string => !!x))];
    // RFC 3834: machine-written mail says so, so that auto-responders do not answer it (mail loops).
    const headers: Record<string, string> = { "Message-ID": messageId, ...(automatic ? { "Auto-Submitted": "auto-generated" } : {}) };
    if (references.length) Object.assign(headers, { "In-Reply-To": references[references.length - 1], References: references.join(" ") });
    await tx.outboxMessage.create({ data: { toAddress: to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html, headers: JSON.stringify(headers), ticketId: ticket.id } });
    return messageId;
  };
  const toRequester = !MACHINE_SENDER.test(ticket.requester.email) && !UNDELIVERABLE.test(ticket.requester.email);
  const toRequesterMail = async (kind: "new_ticket" | "resolved") => (await mailRenderer(tx, kind))(viewFromFlat({ ...common, "ticket.link": requesterLink }), ticket.number);

  const alertStaff = async (staffIds: number[], kind: "alert_opened" | "alert_transferred" | "alert_assigned" | "alert_mentioned", extra: Record<string, string>, actorId?: number) => {
    const staff = await tx.staff.findMany({ where: { id: { in: [...new Set(staffIds)].filter((id) => id !== actorId) }, active: true }, select: { id: true, email: true, name: true } });
    if (!staff.length) return;
    const actorName = actorId ? ((await tx.staff.findUnique({ where: { id: actorId }, select: { name: true } }))?.name ?? "") : "";
    const render = await mailRenderer(tx, kind);
    for (const s of staff) {
      const mail = render(viewFromFlat({ ...common, "ticket.link": staffLink, "recipient.name": s.name, "actor.name": actorName, ...extra }), ticket.number);
      // The Message-ID carries a reply token for this agent: their answer comes back as theirs.
      await put(s.email, mail, { messageId: staffAlertMessageId(ticket.number, s.id, domain) });
    }
  };
  const departmentStaff = async (departmentId: number) => (await tx.staffDepartment.findMany({ where: { departmentId }, select: { staffId: true } })).map((m) => m.staffId);

  switch (event.type) {
    case "opened":
      if (event.autoRespond && toRequester) await put(ticket.requester.email, await toRequesterMail("new_ticket"));
      if (event.alertStaff) await alertStaff(await departmentStaff(ticket.departmentId), "alert_opened", {});
      return;
    case "replied": {
      if (UNDELIVERABLE.test(ticket.requester.email)) return;
      const entry = await tx.threadEntry.findUniqueOrThrow({ where: { id: event.entryId }, include: { authorStaff: { select: { name: true } } } });
      const earlier = await tx.threadEntry.findMany({ where: { ticketId: ticket.id, kind: { in: ["MESSAGE", "REPLY"] }, id: { lt: entry.id } }, orderBy: { id: "desc" }, take: 3, include: { authorStaff: { select: { name: true } } } });
      const thread = earlier.map((e) => ({ author: e.kind === "REPLY" ? (e.authorStaff?.name ?? "Support") : ticket.requester.name, date: e.createdAt.toUTCString(), body: e.body, quoted: quote(e.body) }));
      const view = viewFromFlat({ ...common, "ticket.link": requesterLink, "agent.name": entry.authorStaff?.name ?? "Support", "reply.body": entry.body }, { thread });
      // The reply's entry carries the Message-ID of the mail that carries it: the answer threads by it.
      const messageId = await put(ticket.requester.email, (await mailRenderer(tx, "agent_reply"))(view, ticket.number), { automatic: false });
      await tx.threadEntry.update({ where: { id: entry.id }, data: { messageId } });
      return;
    }
    case "resolved":
      // The resolution note is internal; the requester hears that it is resolved, not the note.
      if (toRequester) await put(ticket.requester.email, await toRequesterMail("resolved"));
      return;
    case "transferred": {
      // Called before the ticket row changes: name the target department, not the ticket's current one.
      const target = await tx.department.findUnique({ where: { id: event.departmentId }, select: { name: true } });
      await alertStaff(await departmentStaff(event.departmentId), "alert_transferred", { "department.name": target?.name ?? "your department", reason: event.reason }, event.actorId);
      return;
    }
    case "assigned":
      await alertStaff(event.staffIds, "alert_assigned", {}, event.actorId);
      return;
    case "mentioned":
      await alertStaff(event.staffIds, "alert_mentioned", { excerpt: event.excerpt.slice(0, 500) }, event.actorId);
  }
}
