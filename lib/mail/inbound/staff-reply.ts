import "server-only";
// An agent answering one of our alerts by mail. Mail never grants access: the mail is the agent's
// only when all of these hold, else it is handled like anyone's mail (a requester's):
//  - a referenced Message-ID carries a reply token we issued (HMAC, lib/mail/staff-reply-token.ts),
//  - the From address is that agent's, and the agent is active,
//  - the ticket is within the agent's reach and their role allows the step (note or reply),
// the same policy the web uses. The post itself goes through the web's workflow step (scope,
// permission, history, notifications, mail to the requester) in one transaction.
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { permissionsOn, ticketScope } from "@/lib/auth/policy";
import type { StoredFile } from "@/lib/attachments/storage";
import { AppError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { addNote, replyToTicket, type EntryOrigin } from "@/lib/tickets/agent-steps";
import { verifyStaffReplyId } from "@/lib/mail/staff-reply-token";
import type { ParsedInbound } from "./parse";
import { trimQuotedReply } from "./quote-trim";
import { staffCommand, type StaffMailCommand } from "./staff-command";

export type StaffMail = StaffMailCommand & { actor: StaffActor; ticketId: number; number: string };

export async function provenStaffMail(db: Db, mail: ParsedInbound, domain: string): Promise<StaffMail | null> {
  if (!mail.fromEmail) return null;
  for (const id of mail.referencedIds.slice(0, 100)) {
    const claim = verifyStaffReplyId(id, domain);
    if (!claim) continue;
    const actor = await loadActor(db, claim.staffId); // null when deactivated
    if (!actor || actor.email.toLowerCase() !== mail.fromEmail.toLowerCase()) continue;
    const ticket = await db.ticket.findFirst({ where: { number: claim.number, ...ticketScope(actor) }, include: { watchers: { select: { staffId: true, departmentId: true } } } });
    if (!ticket) continue;
    const command = staffCommand(trimQuotedReply(mail.text));
    if (!permissionsOn(actor, ticket).has(command.mode === "reply" ? "ticket.reply" : "ticket.note")) continue;
    return { ...command, actor, ticketId: ticket.id, number: ticket.number };
  }
  return null;
}

/**
 * Posts the agent's mail. The web form's version check guards against overwriting what someone
 * else just changed on screen; a mail has no form, so it is posted at the current version (read
 * again and retried if another change lands in between).
 */
export async function postStaffMail(db: Db, mail: StaffMail, body: string, files: StoredFile[], origin: EntryOrigin) {
  for (let attempt = 0; ; attempt++) {
    const { version } = await db.ticket.findUniqueOrThrow({ where: { id: mail.ticketId }, select: { version: true } });
    const input = { ticketId: mail.ticketId, version, body };
    try {
      return mail.mode === "reply" ? await replyToTicket(db, mail.actor, input, files, origin) : await addNote(db, mail.actor, input, files, origin);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT") || attempt >= 2) throw error;
    }
  }
}
