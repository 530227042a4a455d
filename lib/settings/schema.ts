// Help desk settings: one zod schema per settings screen gives their types, their defaults and
// their validation. Each screen owns its keys and saves only those (lib/config/settings/screen.ts),
// so saving one screen can never reset what another owns.
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
  /** Sealed (lib/server/secret-box.ts) when stored; open it only where the mail is sent. */
  password: z.string().max(2000).default(""),
  /** "password": AUTH PLAIN/LOGIN with user and password; "oauth": XOAUTH2 as user, with the token of the "smtp" MailOAuthGrant. */
  auth: z.enum(["password", "oauth"]).default("password"),
});

/** /admin/settings: how the help desk presents itself and what requesters may do. */
export const ZGeneralSettings = z.object({
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
});

/** /admin/mail: the sender, outgoing SMTP, inbound address routes and the loop guard. */
export const ZMailSettings = z.object({
  /** Sender of outgoing mail, e.g. "Help desk <support@example.com>"; empty: support@ the helpdeskUrl host. */
  mailFromAddress: z.string().trim().max(300).default(""),
  smtp: ZSmtpSettings.default(ZSmtpSettings.parse({})),
  /** Inbound addresses; mail to any other address goes to mailDefaultHelpTopicId (or the first public topic). */
  mailMailboxes: z.array(ZMailbox).max(50).default([]),
  mailDefaultHelpTopicId: z.number().int().positive().nullable().default(null),
  /** Mail-loop guard: more new tickets than this from one sender in an hour are ignored. */
  mailMaxNewTicketsPerSenderHour: z.number().int().min(1).max(1000).default(10),
});

/** /admin/sign-in: just-in-time accounts, required single sign-on, required two-factor. */
export const ZSignInSettings = z.object({
  /** email domains whose unknown single sign-on users get an agent account (no department). Empty: nobody. */
  signInJitDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).max(50).default([]),
  /** passwords off for everyone but the break-glass administrator. */
  signInRequireSso: z.boolean().default(false),
  /** the one administrator who may still sign in with a password while single sign-on is required. */
  signInBreakGlassStaffId: z.number().int().positive().nullable().default(null),
  /** who must use a second factor with a password. */
  signInRequireTwoFactor: z.enum(["off", "admins", "everyone"]).default("off"),
});

/**
 * Every settings screen and the keys it owns. A new screen adds its schema here (one line) and
 * saves through saveSettingsScreen; a key belongs to exactly one screen (a unit test checks).
 */
export const SETTINGS_SCREENS = {
  general: ZGeneralSettings,
  mail: ZMailSettings,
  signIn: ZSignInSettings,
} as const;

export type SettingsScreen = keyof typeof SETTINGS_SCREENS;
export type ScreenSettings<S extends SettingsScreen> = z.infer<(typeof SETTINGS_SCREENS)[S]>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AllKeys = UnionToIntersection<(typeof SETTINGS_SCREENS)[SettingsScreen]["shape"]>;

/** All settings, as every reader sees them. */
export const ZSettings = z.object(Object.assign({}, ...Object.values(SETTINGS_SCREENS).map((s) => s.shape)) as AllKeys);

export type Settings = z.infer<typeof ZSettings>;
export const DEFAULT_SETTINGS: Settings = ZSettings.parse({});

/** The keys a screen owns, in declaration order. */
export function screenKeys(screen: SettingsScreen): (keyof Settings)[] {
  return Object.keys(SETTINGS_SCREENS[screen].shape) as (keyof Settings)[];
}
