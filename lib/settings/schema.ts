// Help desk settings: one zod schema gives their types, their defaults and their validation.
import { z } from "zod";

export const DEFAULT_ALLOWED_TYPES = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt", ".log", ".csv", ".docx", ".xlsx", ".pptx", ".zip", ".eml"];

/** One inbound address and the help topic its new tickets are filed under. */
export const ZMailbox = z.object({ address: z.string().trim().toLowerCase().max(254), helpTopicId: z.number().int().positive() });

/** Outgoing SMTP; SMTP_URL in the environment wins. No host means the development outbox folder. */
export const ZSmtpSettings = z.object({
  host: z.string().trim().max(253).default(""),
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().max(254).default(""),
  password: z.string().max(500).default(""),
  /** "password": AUTH PLAIN/LOGIN with user and password; "oauth": XOAUTH2 as user, with the token of the "smtp" MailOAuthGrant. */
  auth: z.enum(["password", "oauth"]).default("password"),
});

export const ZSettings = z.object({
  helpdeskName: z.string().trim().min(1).max(100).default("Help desk"),
  helpdeskUrl: z.string().trim().max(300).default(""),
  timeZone: z.string().default("UTC"),
  ticketNumberMode: z.enum(["random", "sequential"]).default("random"),
  ticketNumberPrefix: z.string().trim().max(10).regex(/^[A-Za-z0-9-]*$/).default(""),
  attachmentMaxFileMb: z.number().positive().max(100).default(10),
  attachmentMaxFiles: z.number().int().min(0).max(20).default(5),
  attachmentMaxTotalMb: z.number().positive().max(200).default(25),
  attachmentAllowedTypes: z.array(z.string().regex(/^\.[a-z0-9]+$/)).default(DEFAULT_ALLOWED_TYPES),
  requesterCanClose: z.boolean().default(true),
  requesterCanReopen: z.boolean().default(true),
  reopenWithinDays: z.number().int().min(0).max(3650).default(30),
  /** Sender of outgoing mail, e.g. "Help desk <support@example.com>"; empty: support@ the helpdeskUrl host. */
  mailFromAddress: z.string().trim().max(300).default(""),
  smtp: ZSmtpSettings.default(ZSmtpSettings.parse({})),
  /** Inbound addresses; mail to any other address goes to mailDefaultHelpTopicId (or the first public topic). */
  mailMailboxes: z.array(ZMailbox).max(50).default([]),
  mailDefaultHelpTopicId: z.number().int().positive().nullable().default(null),
  /** Mail-loop guard: more new tickets than this from one sender in an hour are ignored. */
  mailMaxNewTicketsPerSenderHour: z.number().int().min(1).max(1000).default(10),
});

export type Settings = z.infer<typeof ZSettings>;
export const DEFAULT_SETTINGS: Settings = ZSettings.parse({});
