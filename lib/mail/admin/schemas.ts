// Zod schemas of the mail administration screens (settings, test message, outbox and inbound
// lists, IMAP mailboxes, OAuth 2.0 sign-in, templates), shared by each form (zodResolver) and its
// server action: the same checks run in the browser as on save, and the server is the one that counts.
import { z } from "zod";
import { checkbox, id, line, MAX_ID, optionalId, screenVersionField, whole } from "@/lib/config/shared/fields";
import { endpointProblem, OAUTH_FLOWS, OAUTH_PROVIDERS } from "@/lib/mail/oauth/providers";
import { validateTemplate } from "@/lib/mail/template-render";
import { TEMPLATE_KINDS } from "@/lib/mail/templates";
import { ZMailAddress } from "@/lib/tickets/schemas";

// ── Settings, test message, outbox and inbound ─────────────────────────────────────────────────────
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
  before: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
});
export const ZInboundParams = z.object({
  state: z.enum(INBOUND_STATES).optional().catch(undefined),
  before: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
});
export type OutboxParams = z.infer<typeof ZOutboxParams>;
export type InboundParams = z.infer<typeof ZInboundParams>;

// ── OAuth 2.0 sign-in (mailboxes and SMTP) ─────────────────────────────────────────────────────────
// The client secret is never sent back to the browser, so a blank one keeps the stored secret;
// whether one is stored is checked by the service.
const trimmed = (max: number, label: string) => z.string().trim().max(max, `Keep ${label} under ${max} characters.`);

const endpoint = trimmed(500, "the address").refine((v) => v === "" || endpointProblem(v) === null, { message: "Enter a full https:// address, or leave it empty for the provider's." });

export const oauthFields = {
  oauthProvider: z.enum(OAUTH_PROVIDERS, { message: "Choose Microsoft 365 or Gmail." }).default("microsoft"),
  oauthFlow: z.enum(OAUTH_FLOWS, { message: "Choose how the help desk signs in." }).default("authorization_code"),
  /** A directory (tenant) id, a verified domain, or empty for "organizations". */
  oauthTenant: trimmed(100, "the tenant").regex(/^[A-Za-z0-9.-]*$/, "Enter the directory (tenant) ID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or your domain.").default(""),
  oauthClientId: trimmed(200, "the client ID").default(""),
  oauthClientSecret: z.string().max(2000, "Keep the client secret under 2,000 characters.").default(""),
  oauthAuthorizeUrl: endpoint.default(""),
  oauthTokenUrl: endpoint.default(""),
};

type OAuthInput = { oauthProvider: string; oauthFlow: string; oauthTenant: string; oauthClientId: string };

/** Rules across fields; `ctx` paths are the form's field names. */
export function checkOAuthFields(v: OAuthInput, ctx: z.RefinementCtx): void {
  if (!v.oauthClientId) ctx.addIssue({ code: "custom", path: ["oauthClientId"], message: "Enter the application (client) ID from the app registration." });
  if (v.oauthFlow === "client_credentials") {
    if (v.oauthProvider !== "microsoft") ctx.addIssue({ code: "custom", path: ["oauthFlow"], message: "App-only access is for Microsoft 365; Gmail signs in as the account." });
    else if (!v.oauthTenant || /^(common|organizations|consumers)$/i.test(v.oauthTenant)) ctx.addIssue({ code: "custom", path: ["oauthTenant"], message: "App-only access needs your directory (tenant) ID or domain." });
  }
}

/** The SMTP sign-in page: the provider's app registration, used when the SMTP settings choose OAuth 2.0. */
/** `version`: the sign-in as the page read it (smtpOAuthVersion); a save against an older one is refused. */
export const ZSmtpOAuthForm = z.object({ ...oauthFields, version: screenVersionField }).superRefine(checkOAuthFields);
export type SmtpOAuthFormInput = z.input<typeof ZSmtpOAuthForm>;

/** Which grant to connect: "smtp" or "mailbox:<id>". */
export const ZStartConsent = z.object({ key: z.string().regex(/^(smtp|mailbox:[1-9][0-9]{0,9})$/, "Unknown connection.") });
export type StartConsentInput = z.input<typeof ZStartConsent>;

// ── IMAP mailboxes ─────────────────────────────────────────────────────────────────────────────────
const host = line("the server's host name", 253).pipe(z.string().regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/, "Enter a host name such as imap.example.com, or an IP address."));

const mailboxFields = {
  name: line("a name", 60),
  host,
  port: whole("the port", 1, 65535),
  secure: checkbox,
  username: line("the username", 254),
  folder: line("the folder", 200),
  helpTopicId: optionalId,
  active: checkbox,
  /** "password": LOGIN; "oauth": XOAUTH2 with a token from Microsoft 365 or Gmail (the oauth* fields). */
  authMethod: z.enum(["password", "oauth"], { message: "Choose how the help desk signs in." }).default("password"),
  ...oauthFields,
};

/** A password is never sent back to the browser, so on edit an empty field means "keep the saved one". */
const password = z.string().max(500, "Keep the password under 500 characters.");

type SignIn = { authMethod: string; password: string; oauthProvider: string; oauthFlow: string; oauthTenant: string; oauthClientId: string };

function checkSignIn(creating: boolean) {
  return (v: SignIn, ctx: z.RefinementCtx) => {
    if (v.authMethod === "oauth") checkOAuthFields(v, ctx);
    else if (creating && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the password." });
  };
}

export const ZCreateMailbox = z.object({ ...mailboxFields, password }).superRefine(checkSignIn(true));
export const ZUpdateMailbox = z.object({ ...mailboxFields, id: id("Missing mailbox."), password, version: screenVersionField }).superRefine(checkSignIn(false));
export type CreateMailboxInput = z.input<typeof ZCreateMailbox>;
export type UpdateMailboxInput = z.input<typeof ZUpdateMailbox>;

// ── Templates ──────────────────────────────────────────────────────────────────────────────────────
const part = (label: string, max: number) => z.string().transform((s) => s.replace(/\r\n?/g, "\n")).pipe(z.string().trim().min(1, `Write the ${label}.`).max(max, `Keep the ${label} under ${max.toLocaleString("en")} characters.`));

/** `version`: the template as the edit page showed it (templateVersion); a save or reset against an older one is refused. */
export const ZTemplateKey = z.object({ key: z.enum(TEMPLATE_KINDS, "Unknown kind of mail."), version: screenVersionField });

export const ZMailTemplate = ZTemplateKey.extend({
  subject: part("subject", 300),
  textBody: part("plain-text part", 20_000),
  htmlBody: part("HTML part", 50_000),
}).superRefine((value, ctx) => {
  for (const [field, message] of Object.entries(validateTemplate(value.key, value))) ctx.addIssue({ code: "custom", path: [field], message });
});
export type MailTemplateInput = z.input<typeof ZMailTemplate>;
