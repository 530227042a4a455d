import "server-only";
// The Mail settings screen: sender, SMTP, inbound address → help topic mapping, loop cap. Saves
// its own keys only (saveSettingsScreen) with an audit row of what changed; the SMTP password is
// sealed at rest, never leaves the server (the form gets only whether one is stored) and reaches
// the audit log only as "(set)" or "(changed)".
import type { StaffActor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/server/prisma";
import { ZMailSettings, type ScreenSettings, type Settings } from "@/lib/settings/schema";
import { loadSettings, screenVersion } from "@/lib/settings/store";
import { invalid } from "@/lib/server/errors";
import { assertAdmin, parseInput } from "@/lib/server/admin-write";
import type { Snapshot } from "@/lib/server/audit/record";
import { ZMailSettingsForm, type MailSettingsFormInput } from "./schemas";
import { saveSettingsScreen, type ScreenSaved } from "@/lib/config/settings/screen";

type MailSettings = ScreenSettings<"mail">;

/** What the form starts from: everything but the password, of which only its presence is told. */
export type MailSettingsForEdit = Omit<MailSettings, "smtp"> & { smtp: Omit<Settings["smtp"], "password"> & { hasPassword: boolean }; version: string };

export async function mailSettingsForEdit(db: Db, actor: StaffActor): Promise<MailSettingsForEdit> {
  assertAdmin(actor);
  const s = await loadSettings(db);
  const { password, ...smtp } = s.smtp;
  return { mailFromAddress: s.mailFromAddress, smtp: { ...smtp, hasPassword: password !== "" }, mailMailboxes: s.mailMailboxes, mailDefaultHelpTopicId: s.mailDefaultHelpTopicId, mailMaxNewTicketsPerSenderHour: s.mailMaxNewTicketsPerSenderHour, version: screenVersion(s, "mail") };
}

/** Help topic ids the form names must exist, or mail would quarantine later for a reason set here. */
async function checkTopics(tx: Tx, input: ReturnType<typeof ZMailSettingsForm.parse>): Promise<Map<number, string>> {
  const ids = [...new Set([...input.mailboxes.map((m) => m.helpTopicId), ...(input.mailDefaultHelpTopicId ? [input.mailDefaultHelpTopicId] : [])])];
  const topics = await tx.helpTopic.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(topics.map((t) => [t.id, t.name]));
  const errors: Record<string, string> = {};
  input.mailboxes.forEach((m, i) => {
    if (!names.has(m.helpTopicId)) errors[`mailboxes.${i}.helpTopicId`] = "Choose one of the listed help topics.";
  });
  if (input.mailDefaultHelpTopicId && !names.has(input.mailDefaultHelpTopicId)) errors.mailDefaultHelpTopicId = "Choose one of the listed help topics.";
  if (Object.keys(errors).length) throw invalid(errors);
  return names;
}

/** A readable snapshot for the audit log: topics by name. The password goes in as stored; the audit writer turns it into "(set)" or "(changed)". */
async function auditSnapshot(settings: Settings, tx: Tx): Promise<Snapshot> {
  const s = settings;
  const ids = [...s.mailMailboxes.map((m) => m.helpTopicId), ...(s.mailDefaultHelpTopicId ? [s.mailDefaultHelpTopicId] : [])];
  const topics = new Map((await tx.helpTopic.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((t) => [t.id, t.name]));
  const topic = (id: number) => topics.get(id) ?? `#${id}`;
  return {
    fromAddress: s.mailFromAddress,
    smtpHost: s.smtp.host,
    smtpPort: s.smtp.port,
    smtpEncryption: s.smtp.secure ? "TLS" : "STARTTLS",
    smtpUser: s.smtp.user,
    smtpSignIn: s.smtp.auth === "oauth" ? "OAuth 2.0" : "password",
    smtpPassword: s.smtp.password,
    inboundAddresses: s.mailMailboxes.map((m) => `${m.address} → ${topic(m.helpTopicId)}`),
    defaultHelpTopic: s.mailDefaultHelpTopicId ? topic(s.mailDefaultHelpTopicId) : null,
    maxNewTicketsPerSenderHour: s.mailMaxNewTicketsPerSenderHour,
  };
}

export async function updateMailSettings(db: Db, actor: StaffActor, raw: MailSettingsFormInput): Promise<ScreenSaved> {
  const { version, ...input } = parseInput(ZMailSettingsForm, raw);
  return saveSettingsScreen(db, actor, {
    screen: "mail",
    version,
    audit: { entity: "mail-settings", entityId: "mail", snapshot: auditSnapshot },
    next: async (before, tx) => {
      await checkTopics(tx, input);
      // A blank password keeps the stored one (the browser never has it to send back).
      const password = input.clearSmtpPassword ? "" : input.smtpPassword || before.smtp.password;
      // Parsed by the stored schema too, so what is saved is exactly what loadSettings accepts.
      return ZMailSettings.parse({
        mailFromAddress: input.mailFromAddress,
        smtp: { host: input.smtpHost, port: input.smtpPort, secure: input.smtpSecurity === "tls", user: input.smtpUser, password, auth: input.smtpAuth },
        mailMailboxes: input.mailboxes,
        mailDefaultHelpTopicId: input.mailDefaultHelpTopicId,
        mailMaxNewTicketsPerSenderHour: input.mailMaxNewTicketsPerSenderHour,
      });
    },
  });
}

/** Help topics for the mapping selects: every topic (mail may go to a private one), inactive ones marked. */
export async function mailTopicChoices(db: Db, actor: StaffActor): Promise<{ value: number; label: string }[]> {
  assertAdmin(actor);
  const topics = await db.helpTopic.findMany({ select: { id: true, name: true, active: true, department: { select: { name: true } } }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] });
  return topics.map((t) => ({ value: t.id, label: `${t.name} (${t.department.name})${t.active ? "" : " — inactive"}` }));
}
