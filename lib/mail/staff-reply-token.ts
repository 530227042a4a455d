// Proof that a mail comes from an agent answering one of our alerts: the alert's Message-ID
// carries an HMAC (under the session secret) of the ticket number, the agent's id and a nonce, and
// the agent's mail client sends it back in In-Reply-To/References. Only we can make one; it names
// one ticket and one agent, so it cannot be moved to another ticket or used by someone else.
// It is necessary, not sufficient: the From address must still be that agent's and the agent must
// still be active and allowed (lib/mail/inbound/staff-reply.ts). Anything else is refused by default.
import crypto from "node:crypto";
import { outgoingMessageId } from "./inbound/ticket-ref";

const PURPOSE = "staff-mail-reply";

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set");
  return value;
}

function mac(number: string, staffId: number, nonce: string): string {
  return crypto.createHmac("sha256", secret()).update(`${PURPOSE}:${number}:${staffId}:${nonce}`).digest("hex").slice(0, 32);
}

/** The Message-ID of an alert mail to this agent about this ticket. */
export function staffAlertMessageId(number: string, staffId: number, domain: string): string {
  const nonce = crypto.randomBytes(6).toString("hex");
  return outgoingMessageId(number, `sr_${staffId}_${nonce}_${mac(number, staffId, nonce)}`, domain);
}

const TOKEN_ID = /^<ticket\.([A-Za-z0-9-]{1,30})\.sr_(\d{1,10})_([a-f0-9]{12})_([a-f0-9]{32})@([^<>\s]+)>$/;

/** The ticket and agent a referenced Message-ID vouches for, or null if it is not one we issued. */
export function verifyStaffReplyId(messageId: string, domain: string): { number: string; staffId: number } | null {
  const m = TOKEN_ID.exec(messageId);
  if (!m || m[5].toLowerCase() !== domain.toLowerCase()) return null;
  const [, number, id, nonce, given] = m;
  const staffId = Number(id);
  const expected = Buffer.from(mac(number, staffId, nonce));
  return crypto.timingSafeEqual(expected, Buffer.from(given)) ? { number, staffId } : null;
}
