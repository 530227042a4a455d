// Zod schemas of the mail admin screens, shared by each form (zodResolver) and its server action.
// Kept apart from schemas.ts so the mail screens can change without touching the other forms.
import { z } from "zod";
import { ZMailAddress } from "@/lib/tickets/schemas";
import { checkbox, id, optionalId, screenVersionField, whole } from "./fields";

const EMAIL = z.email("Enter a valid email address, like support@example.com.").max(254, "Keep the address under 254 characters.");

/** "support@example.com" or "Help desk <support@example.com>": what a From: line may hold. */
const FROM_PATTERN = /^(?:[^<>@\r\n]*<\s*[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

export const ZMailboxRow = z.object({
  address: z.string().trim().toLowerCase().pipe(EMAIL),
  helpTopicId: id("Choose the help topic for this address."),
});

export const ZMailSettingsForm = z
  .object({
    mailFromAddress: z
      .string()
      .trim()
      .max(300, "Keep the sender under 300 characters.")
      .refine((v) => v === "" || FROM_PATTERN.test(v), "Enter an address, like support@example.com or Help desk <support@example.com>, or leave it empty."),
    smtpHost: z
      .string()
      .trim()
      .max(253, "Keep the host name under 253 characters.")
      .regex(/^[A-Za-z0-9.:[\]-]*$/, "Enter a host name like smtp.example.com (no smtp:// and no port)."),
    smtpPort: whole("the port", 1, 65535),
    /** "tls": encrypted from the first byte (usually port 465); "starttls": plain connection upgraded when the server offers it (587 or 25). */
    smtpSecurity: z.enum(["tls", "starttls"], { message: "Choose how the connection is encrypted." }),
    smtpUser: z.string().trim().max(254, "Keep the user name under 254 characters."),
    /** "oauth": XOAUTH2 with the token of the SMTP sign-in page's connection (Microsoft 365, Gmail). */
    smtpAuth: z.enum(["password", "oauth"], { message: "Choose how the help desk signs in." }).default("password"),
    /** Blank keeps the stored password: the browser never receives it, so it cannot send it back. */
    smtpPassword: z.string().max(500, "Keep the password under 500 characters."),
    clearSmtpPassword: checkbox,
    mailboxes: z
      .array(ZMailboxRow)
      .max(50, "At most 50 addresses.")
      .default([])
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, i) => {
          if (seen.has(row.address)) ctx.addIssue({ code: "custom", path: [i, "address"], message: "This address is already listed above." });
          seen.add(row.address);
        });
      }),
    mailDefaultHelpTopicId: optionalId,
    mailMaxNewTicketsPerSenderHour: whole("the limit", 1, 1000),
    version: screenVersionField,
  })
  .superRefine((v, ctx) => {
    if (v.clearSmtpPassword && v.smtpPassword) ctx.addIssue({ code: "custom", path: ["smtpPassword"], message: "Either type a new password or clear the stored one, not both." });
    if (v.smtpAuth === "oauth" && !v.smtpUser) ctx.addIssue({ code: "custom", path: ["smtpUser"], message: "Enter the address that sends (the account signed in with OAuth)." });
  });
export type MailSettingsFormInput = z.input<typeof ZMailSettingsForm>;

export const ZSendTestMail = z.object({ to: z.string().trim().toLowerCase().pipe(EMAIL) });
export type SendTestMailInput = z.input<typeof ZSendTestMail>;

export const OUTBOX_STATES = ["PENDING", "SENT", "FAILED"] as const;
export const INBOUND_STATES = ["QUARANTINED", "STORED", "BOUNCE", "DUPLICATE", "IGNORED"] as const;

/** Quarantine: "Correct the sender and file". The address is checked as mail delivers them (single-label domains too). */
export const ZFileWithSender = z.object({ id: id("Missing record."), senderEmail: ZMailAddress });
export type FileWithSenderInput = z.input<typeof ZFileWithSender>;

/** List filters from the URL: bad values fall back quietly to "all" and the first page. */
export const ZOutboxParams = z.object({
  state: z.enum(OUTBOX_STATES).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export const ZInboundParams = z.object({
  state: z.enum(INBOUND_STATES).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type OutboxParams = z.infer<typeof ZOutboxParams>;
export type InboundParams = z.infer<typeof ZInboundParams>;
