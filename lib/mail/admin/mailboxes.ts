import "server-only";
// IMAP mailboxes: create, edit (an empty password keeps the saved one), delete, and the two checks
// an admin runs from the screen: "Test connection" (sign in, read-only) and "Poll now". The saved
// password never leaves the server: reads for the pages select every column but it. A mailbox signs
// in with its password or with OAuth 2.0 (Microsoft 365, Gmail): its app registration is saved with
// it (oauth.ts), and its tokens come from the consent flow.
import type { StaffActor } from "@/lib/auth/actor";
import { summarisePoll } from "@/lib/mail/imap/poll";
import { pollMailboxOnce } from "@/lib/mail/imap/poller";
import { checkImapConnection } from "@/lib/mail/imap/test-connection";
import { mailboxGrantKey } from "@/lib/mail/oauth/tokens";
import { invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, auditedWrite, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput } from "@/lib/config/shared/fields";
import { oauthGrantView, oauthSnapshot, saveOAuthRegistration } from "./oauth";
import { ZCreateMailbox, ZUpdateMailbox, type CreateMailboxInput, type UpdateMailboxInput } from "./schemas";

const UNIQUE = { name: "A mailbox with this name already exists. Choose another name." };

/** What the audit log shows. The password goes in sealed; the audit writer records only "(set)" or "(changed)". */
async function snapshot(tx: Tx, id: number, secretChanged = false): Promise<Snapshot> {
  const m = await tx.imapMailbox.findUniqueOrThrow({ where: { id }, include: { helpTopic: { select: { name: true } } } });
  return {
    signIn: m.authMethod === "oauth" ? "OAuth 2.0" : "password",
    ...(m.authMethod === "oauth" ? await oauthSnapshot(tx, mailboxGrantKey(id), secretChanged) : {}),
    name: m.name,
    server: `${m.host}:${m.port}`,
    tls: m.secure ? "TLS" : "STARTTLS when offered",
    username: m.username,
    folder: m.folder,
    helpTopic: m.helpTopic?.name ?? null,
    active: m.active,
    password: m.password,
  };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (the password only sealed). */
export async function mailboxFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

type Fields = ReturnType<typeof ZCreateMailbox.parse> | ReturnType<typeof ZUpdateMailbox.parse>;

async function columns(tx: Tx, mailboxId: number | null, input: Fields) {
  const errors: Record<string, string> = {};
  if (await tx.imapMailbox.findFirst({ where: { name: input.name, ...(mailboxId ? { NOT: { id: mailboxId } } : {}) } })) errors.name = UNIQUE.name;
  if (input.helpTopicId !== null && !(await tx.helpTopic.findUnique({ where: { id: input.helpTopicId } }))) errors.helpTopicId = "That help topic no longer exists.";
  if (Object.keys(errors).length) throw invalid(errors);
  return { name: input.name, host: input.host, port: input.port, secure: input.secure, username: input.username, folder: input.folder, helpTopicId: input.helpTopicId, active: input.active, authMethod: input.authMethod };
}

export async function createMailbox(db: Db, actor: StaffActor, raw: CreateMailboxInput) {
  const input = parseInput(ZCreateMailbox, raw);
  return adminWrite(db, actor, async (tx) => {
    // An OAuth mailbox keeps no password: a stale one must not linger if the method changes back later.
    const mailbox = await tx.imapMailbox.create({ data: { ...(await columns(tx, null, input)), password: input.authMethod === "oauth" ? "" : input.password } });
    if (input.authMethod === "oauth") await saveOAuthRegistration(tx, mailboxGrantKey(mailbox.id), input, mailbox.id);
    await recordAudit(tx, actor, { entity: "imap-mailbox", entityId: mailbox.id, action: "create", after: await snapshot(tx, mailbox.id) });
    return { id: mailbox.id, name: mailbox.name };
  }, UNIQUE);
}

export async function updateMailbox(db: Db, actor: StaffActor, raw: UpdateMailboxInput) {
  const input = parseInput(ZUpdateMailbox, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.imapMailbox.findUnique({ where: { id: input.id }, select: { id: true } }))) throw notFound("mailbox");
    await lockForEdit(tx, "ImapMailbox", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This mailbox", entity: "imap-mailbox", entityId: input.id });
    const oauth = input.authMethod === "oauth";
    const changePassword = !oauth && input.password !== "";
    const current = await tx.imapMailbox.findUniqueOrThrow({ where: { id: input.id }, select: { password: true } });
    if (!oauth && !changePassword && current.password === "") throw invalid({ password: "Enter the password." });
    await tx.imapMailbox.update({ where: { id: input.id }, data: { ...(await columns(tx, input.id, input)), ...(changePassword ? { password: input.password } : {}), ...(oauth ? { password: "" } : {}) } });
    const saved = oauth ? await saveOAuthRegistration(tx, mailboxGrantKey(input.id), input, input.id) : null;
    // Back to a password: the OAuth secret and tokens are of no more use, so they are not kept.
    if (!oauth) await tx.mailOAuthGrant.deleteMany({ where: { key: mailboxGrantKey(input.id) } });
    await recordAudit(tx, actor, { entity: "imap-mailbox", entityId: input.id, action: "update", before, after: await snapshot(tx, input.id, saved?.secretChanged) });
    return { id: input.id, name: input.name, version: await mailboxFormVersion(tx, input.id) };
  }, UNIQUE);
}

/** Deleting forgets the connection only: tickets and the inbound log keep the mailbox's name. */
export async function deleteMailbox(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.imapMailbox.findUnique({ where: { id }, select: { id: true } }))) throw notFound("mailbox");
    const before = await snapshot(tx, id);
    await tx.imapMailbox.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "imap-mailbox", entityId: id, action: "delete", before });
    return { id };
  });
}

export type MailboxCheck = { ok: boolean; message: string };

/**
 * Signs in and opens the folder without taking any mail. The network round trip runs outside any
 * transaction (it may take the full timeout); its outcome is audited afterwards.
 */
export async function testMailboxConnection(db: Db, actor: StaffActor, raw: ByIdInput): Promise<MailboxCheck> {
  assertAdmin(actor);
  const { id } = parseInput(ZById, raw);
  const mailbox = await db.imapMailbox.findUnique({ where: { id } });
  if (!mailbox) throw notFound("mailbox");
  const check = await checkImapConnection(db, mailbox);
  await auditedWrite(db, (tx) => recordAudit(tx, actor, { entity: "imap-mailbox", entityId: id, action: "test-connection", after: { name: mailbox.name, ok: check.ok, result: check.message } }));
  return { ok: check.ok, message: check.message };
}

/** Polls the mailbox now (or joins the poll already running), whether or not it is active. */
export async function pollMailboxNow(db: Db, actor: StaffActor, raw: ByIdInput): Promise<MailboxCheck> {
  assertAdmin(actor);
  const { id } = parseInput(ZById, raw);
  const mailbox = await db.imapMailbox.findUnique({ where: { id } });
  if (!mailbox) throw notFound("mailbox");
  const outcome = await pollMailboxOnce(db, mailbox);
  const message = summarisePoll(outcome);
  await auditedWrite(db, (tx) => recordAudit(tx, actor, { entity: "imap-mailbox", entityId: id, action: "poll", after: { name: mailbox.name, ok: outcome.ok, result: message } }));
  return { ok: outcome.ok, message };
}

// ── Reads for the admin pages (never the password) ───────────────────────────
const PUBLIC_COLUMNS = {
  id: true, name: true, host: true, port: true, secure: true, username: true, folder: true, helpTopicId: true, active: true, lastPolledAt: true, lastError: true, lastErrorAt: true, authMethod: true,
  helpTopic: { select: { name: true } },
  oauth: { select: { provider: true, needsReconnect: true, account: true } },
} as const;

export async function listMailboxes(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  return db.imapMailbox.findMany({ select: PUBLIC_COLUMNS, orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }] });
}

/** The mailbox and, when it signs in with OAuth, its sign-in as the page shows it (no secret, no token). */
export async function mailboxForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const mailbox = await db.imapMailbox.findUnique({ where: { id }, select: { ...PUBLIC_COLUMNS, password: true } });
  if (!mailbox) return null;
  const { password, ...shown } = mailbox;
  return { ...shown, hasPassword: password !== "", oauthGrant: await oauthGrantView(db, actor, mailboxGrantKey(id)), version: await mailboxFormVersion(db, id) };
}

/** Help topics a mailbox may file new tickets under (private ones too: mail may go to internal topics). */
export async function mailboxTopicChoices(db: Db, actor: StaffActor, currentId?: number | null) {
  assertAdmin(actor);
  const topics = await db.helpTopic.findMany({ where: { OR: [{ active: true }, ...(currentId ? [{ id: currentId }] : [])] }, orderBy: [{ name: "asc" }], select: { id: true, name: true, active: true } });
  return topics.map((t) => ({ value: t.id, label: t.active ? t.name : `${t.name} (inactive)` }));
}
