// Fitting a parsed mail into the ticket's fields, whose limits the web form also has: a name,
// a subject of 3–200 characters, a body of 1–50,000 characters. Pure.
import { cleanLine } from "@/lib/tickets/text";
import type { ParsedInbound } from "./parse";

export const MAX_BODY = 50_000;

export function requesterName(mail: Pick<ParsedInbound, "fromName" | "fromEmail">): string {
  const name = cleanLine(mail.fromName).replace(/^["']+|["']+$/g, "").trim();
  return (name || mail.fromEmail?.split("@")[0] || "Unknown sender").slice(0, 100);
}

export function ticketSubject(subject: string): string {
  const line = cleanLine(subject);
  if (!line) return "(no subject)";
  if (line.length < 3) return `Email: ${line}`;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The text to store: never empty, never over the limit, with a line for each refused attachment. */
export function mailBody(text: string, refusedAttachments: string[], keptAttachments: number): string {
  const notes = refusedAttachments.map((m) => `[Attachment not kept: ${m}]`).join("\n");
  const room = MAX_BODY - notes.length - 200;
  let body = text.trim();
  if (body.length > room) body = `${body.slice(0, room)}\n\n[The rest of this email was cut: it had ${text.length.toLocaleString("en")} characters.]`;
  if (!body) body = keptAttachments ? "(This email has no text, only attachments.)" : "(This email has no text.)";
  return notes ? `${body}\n\n${notes}` : body;
}
