// Zod schemas shared by the forms (zodResolver) and the server actions.
import emailAddresses from "email-addresses";
import { z } from "zod";
import { cleanBody, cleanLine } from "./text";

const line = (label: string, min: number, max: number) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(z.string().min(min, min <= 1 ? `Enter ${label}.` : `${label[0].toUpperCase()}${label.slice(1)} needs at least ${min} characters.`).max(max, `Keep ${label} under ${max} characters.`));

const body = (label: string) => z.string().transform(cleanBody).pipe(z.string().min(1, `Write ${label}.`).max(50_000, `Keep ${label} under 50,000 characters.`));

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

/** Sent with every form that changes a ticket: which ticket, and the version the form was opened at. */
const ticketRef = {
  ticketId: id("Missing ticket."),
  version: z.coerce.number().int().positive(),
};

const clientKey = z.string().uuid().optional();

/** A requester's phone number, as the public form and the agents' "Edit requester" take it. */
export const requesterPhone = z.string().transform(cleanLine).pipe(z.string().max(30, "Keep the phone number under 30 characters.").regex(/^[0-9+()./ x-]*$/i, "Use digits, spaces and + ( ) - only.")).optional().default("");

export const ZOpenTicket = z.object({
  name: line("your name", 1, 100),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like name@example.com.").max(254)),
  phone: requesterPhone,
  helpTopicId: id("Choose a help topic."),
  subject: line("a subject", 3, 200),
  message: body("a message"),
  clientKey,
});
export type OpenTicketInput = z.input<typeof ZOpenTicket>;

/** One bare RFC 5322/6532 address, as mail servers deliver them: a single-label domain (root@localhost) or an international one too. */
function isMailboxAddress(value: string): boolean {
  const parsed = emailAddresses.parseOneAddress({ input: value, rfc6532: true, rejectTLD: false });
  return parsed?.type === "mailbox" && !parsed.name && parsed.address === value;
}

/** An address as mail delivers it; also what an admin may type to correct a mail's sender. */
export const ZMailAddress = z.string().trim().toLowerCase().max(254, "Keep the address under 254 characters.").refine(isMailboxAddress, "Enter one address, like name@example.com (root@localhost is fine too).");

/** A ticket from mail: the sender's address was parsed from the header (lib/mail/inbound/sender.ts), not typed. */
export const ZOpenMailTicket = ZOpenTicket.extend({ email: ZMailAddress });

export const ZRequesterReply = z.object({ message: body("a reply"), clientKey });
export type RequesterReplyInput = z.input<typeof ZRequesterReply>;

export const ZCheckStatus = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  number: z.string().transform(cleanLine).pipe(z.string().min(1, "Enter the ticket number.").max(30)),
});
export type CheckStatusInput = z.input<typeof ZCheckStatus>;

/** The private link's parts, as sent back by the ticket page. Only checked for shape here: the
 * service verifies the token, and a wrong one is "not found" like any other. */
export const ZTicketLink = z.object({ number: z.string().min(1).max(40), token: z.string().min(1).max(100) });
export type TicketLinkInput = z.input<typeof ZTicketLink>;

export const STATUS_AFTER_REPLY = ["", "OPEN", "PENDING", "RESOLVED", "CLOSED"] as const;

export const ZReply = z.object({
  ...ticketRef,
  body: body("a reply"),
  statusAfter: z.enum(STATUS_AFTER_REPLY).default(""),
  clientKey,
});
export type ReplyInput = z.input<typeof ZReply>;

export const ZNote = z.object({ ...ticketRef, body: body("a note"), clientKey });
export type NoteInput = z.input<typeof ZNote>;

export const ZSetPriority = z.object({ ...ticketRef, priorityId: id("Choose a priority.") });
export type SetPriorityInput = z.input<typeof ZSetPriority>;

/** "me" claims the ticket; "staff:ID" and "team:ID" assign; "none" unassigns. */
export const ZAssign = z.object({
  ...ticketRef,
  assignee: z.string().regex(/^(me|none|staff:\d+|team:\d+)$/, "Choose who should work on this ticket."),
});
export type AssignInput = z.input<typeof ZAssign>;

export const ZTransfer = z.object({
  ...ticketRef,
  departmentId: id("Choose the department to transfer to."),
  reason: line("a reason for the transfer", 1, 500),
});
export type TransferInput = z.input<typeof ZTransfer>;

export const ZChangeStatus = z.object({
  ...ticketRef,
  statusId: id("Choose a status."),
  note: z.string().transform(cleanBody).pipe(z.string().max(50_000)).optional().default(""),
});
export type ChangeStatusInput = z.input<typeof ZChangeStatus>;

export const ZEscalate = z.object({ ...ticketRef, reason: line("why this needs escalating", 1, 500) });
export type EscalateInput = z.input<typeof ZEscalate>;

export const QUEUES = ["open", "mine", "unassigned", "overdue", "watching", "closed", "all"] as const;
export const SORTS = ["updated", "created", "priority", "due"] as const;

export const ZQueueParams = z.object({
  queue: z.enum(QUEUES).catch("open"),
  status: z.coerce.number().int().positive().optional().catch(undefined),
  priority: z.coerce.number().int().positive().optional().catch(undefined),
  department: z.coerce.number().int().positive().optional().catch(undefined),
  assignee: z.union([z.literal("none"), z.coerce.number().int().positive()]).optional().catch(undefined),
  team: z.coerce.number().int().positive().optional().catch(undefined),
  sort: z.enum(SORTS).catch("updated"),
  q: z.string().transform(cleanLine).pipe(z.string().max(100)).optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});
export type QueueParams = z.infer<typeof ZQueueParams>;

/** Mark one notification read, or all of them when no id is given. */
export const ZMarkRead = z.object({ id: z.coerce.number().int().positive().optional() });
export type MarkReadInput = z.input<typeof ZMarkRead>;

/** Mark the notifications about one ticket read (the agent opened it). */
export const ZMarkTicketRead = z.object({ ticketId: id("Missing ticket.") });
export type MarkTicketReadInput = z.input<typeof ZMarkTicketRead>;
