import "server-only";
// The Mail settings screen: sender, SMTP, inbound address → help topic mapping, loop cap. Saved
// through lib/settings with an audit row of what changed; the SMTP password never leaves the
// server (the form gets only whether one is stored) and never enters the audit log.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/server/prisma";
import type { Settings } from "@/lib/settings/schema";
import { ZSettings } from "@/lib/settings/schema";
import { loadSettings, saveSettings } from "@/lib/settings/store";
import { invalid } from "@/lib/server/errors";
import { adminWrite, assertAdmin, parseInput } from "./admin-write";
import { recordAudit, type Snapshot } from "./audit";
import { ZMailSettingsForm, type MailSettingsFormInput } from "./mail-schemas";

const MAIL_KEYS = ["mailFromAddress", "smtp", "mailMailboxes", "mailDefaultHelpTopicId", "mailMaxNewTicketsPerSenderHour"] as const;
type MailSettings = Pick<Settings, (typeof MAIL_KEYS)[number]>;

/** What the form starts from: everything but the password, of which only its presence is told. */
export type MailSettingsForEdit = Omit<MailSettings, "smtp"> & { smtp: Omit<Settings["smtp"], "password"> & { hasPassword: boolean } };

export async function mailSettingsForEdit(db: Db, actor: StaffActor): Promise<MailSettingsForEdit> {
  assertAdmin(actor);
  const s = await loadSettings(db);
  const { password, ...smtp } = s.smtp;
  return { mailFromAddress: s.mailFromAddress, smtp: { ...smtp, hasPassword: password !== "" }, mailMailboxes: s.mailMailboxes, mailDefaultHelpTopicId: s.mailDefaultHelpTopicId, mailMaxNewTicketsPerSenderHour: s.mailMaxNewTicketsPerSenderHour };
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

/**
 * A readable snapshot for the audit log: topics by name, and the password only as "set", "not
 * set" or "changed", so the log (readable by every admin, kept for years) never holds a secret.
 */
async function auditSnapshot(tx: Tx, s: MailSettings, passwordLabel: string): Promise<Snapshot> {
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
    smtpPassword: passwordLabel,
    inboundAddresses: s.mailMailboxes.map((m) => `${m.address} → ${topic(m.helpTopicId)}`),
    defaultHelpTopic: s.mailDefaultHelpTopicId ? topic(s.mailDefaultHelpTopicId) : null,
    maxNewTicketsPerSenderHour: s.mailMaxNewTicketsPerSenderHour,
  };
}

export async function updateMailSettings(db: Db, actor: StaffActor, raw: MailSettingsFormInput): Promise<{ changed: boolean }> {
  const input = parseInput(ZMailSettingsForm, raw);
  return adminWrite(db, actor, async (tx) => {
    await checkTopics(tx, input);
    const before = await loadSettings(tx);
    const password = input.clearSmtpPassword ? "" : input.smtpPassword || before.smtp.password;
    // Parsed by the stored schema too, so what is saved is exactly what loadSettings accepts.
    const next = ZSettings.pick({ mailFromAddress: true, smtp: true, mailMailboxes: true, mailDefaultHelpTopicId: true, mailMaxNewTicketsPerSenderHour: true }).parse({
      mailFromAddress: input.mailFromAddress,
      smtp: { host: input.smtpHost, port: input.smtpPort, secure: input.smtpSecurity === "tls", user: input.smtpUser, password, auth: input.smtpAuth },
      mailMailboxes: input.mailboxes,
      mailDefaultHelpTopicId: input.mailDefaultHelpTopicId,
      mailMaxNewTicketsPerSenderHour: input.mailMaxNewTicketsPerSenderHour,
    });
    const changed = Object.fromEntries(MAIL_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k])).map((k) => [k, next[k]])) as Partial<Settings>;
    if (Object.keys(changed).length === 0) return { changed: false };
    await saveSettings(tx, changed);
    const had = before.smtp.password !== "";
    const afterLabel = password === "" ? "not set" : password === before.smtp.password ? "set" : had ? "changed" : "set";
    await recordAudit(tx, actor, {
      entity: "mail-settings",
      entityId: "mail",
      action: "update",
      before: await auditSnapshot(tx, before, had ? "set" : "not set"),
      after: await auditSnapshot(tx, next, afterLabel),
    });
    return { changed: true };
  });
}

/** Help topics for the mapping selects: every topic (mail may go to a private one), inactive ones marked. */
export async function mailTopicChoices(db: Db, actor: StaffActor): Promise<{ value: number; label: string }[]> {
  assertAdmin(actor);
  const topics = await db.helpTopic.findMany({ select: { id: true, name: true, active: true, department: { select: { name: true } } }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] });
  return topics.map((t) => ({ value: t.id, label: `${t.name} (${t.department.name})${t.active ? "" : " — inactive"}` }));
}
