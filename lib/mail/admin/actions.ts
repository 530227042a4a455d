"use server";
// Mail administration actions: the admin action client authenticates, refuses non-admins and
// validates with the form's schema; the service re-checks, writes in one transaction with an audit
// row; then the pages that show the change revalidate.
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ZById } from "@/lib/config/shared/fields";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { discardInboundMessage, fileWithSender, retryInboundMessage } from "./inbound";
import { createMailbox, deleteMailbox, pollMailboxNow, testMailboxConnection, updateMailbox } from "./mailboxes";
import { updateSmtpOAuth } from "./oauth";
import { consentCookieOptions, CONSENT_COOKIE, startConsent } from "./oauth-consent";
import { discardOutboxMessage, retryOutboxMessage } from "./outbox";
import { ZCreateMailbox, ZFileWithSender, ZMailSettingsForm, ZMailTemplate, ZSendTestMail, ZSmtpOAuthForm, ZStartConsent, ZTemplateKey, ZUpdateMailbox } from "./schemas";
import { updateMailSettings } from "./settings";
import { previewMailTemplate, resetMailTemplate, saveMailTemplate } from "./templates";
import { sendTestMessage } from "./test-message";

/** The mail pages and the console's Mail card. */
function revalidateMail(section: "" | "/outbox" | "/inbound") {
  revalidatePath(`/admin/mail${section}`, "layout");
  revalidatePath("/admin");
}

export const updateMailSettingsAction = adminAction(ZMailSettingsForm, async (actor, input) => {
  const result = await updateMailSettings(db, actor, input);
  revalidateMail("");
  return result;
});

export const sendTestMessageAction = adminAction(ZSendTestMail, async (actor, input) => {
  const result = await sendTestMessage(db, actor, input);
  // A test through the outbox folder or SMTP never touches the outbox table: nothing else to refresh.
  revalidatePath("/admin/audit");
  return result;
});

export const retryOutboxMessageAction = adminAction(ZById, async (actor, input) => {
  const result = await retryOutboxMessage(db, actor, input);
  revalidateMail("/outbox");
  return result;
});

export const discardOutboxMessageAction = adminAction(ZById, async (actor, input) => {
  const result = await discardOutboxMessage(db, actor, input);
  revalidateMail("/outbox");
  return result;
});

export const retryInboundMessageAction = adminAction(ZById, async (actor, input) => {
  const result = await retryInboundMessage(db, actor, input);
  revalidateMail("/inbound");
  if (result.ticketNumber) revalidatePath("/agent", "layout");
  return result;
});

export const discardInboundMessageAction = adminAction(ZById, async (actor, input) => {
  const result = await discardInboundMessage(db, actor, input);
  revalidateMail("/inbound");
  return result;
});

export const fileWithSenderAction = adminAction(ZFileWithSender, async (actor, input) => {
  const result = await fileWithSender(db, actor, input);
  revalidateMail("/inbound");
  if (result.ticketNumber) revalidatePath("/agent", "layout");
  return result;
});

// ── IMAP mailboxes ─────────────────────────────────────────────────────────────────────────────────
function revalidateMailboxes() {
  revalidatePath("/admin/mail/mailboxes", "layout");
}

export const createMailboxAction = adminAction(ZCreateMailbox, async (actor, input) => {
  const result = await createMailbox(db, actor, input);
  revalidateMailboxes();
  return result;
});

export const updateMailboxAction = adminAction(ZUpdateMailbox, async (actor, input) => {
  const result = await updateMailbox(db, actor, input);
  revalidateMailboxes();
  return result;
});

export const deleteMailboxAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteMailbox(db, actor, input);
  revalidateMailboxes();
  return result;
});

export const testMailboxAction = adminAction(ZById, async (actor, input) => {
  const result = await testMailboxConnection(db, actor, input);
  revalidatePath("/admin/audit");
  return result;
});

export const pollMailboxAction = adminAction(ZById, async (actor, input) => {
  const result = await pollMailboxNow(db, actor, input);
  // The poll may have opened tickets and changed the mailbox's last poll / last error.
  revalidateMailboxes();
  revalidatePath("/agent", "layout");
  revalidatePath("/admin/mail/inbound");
  revalidatePath("/admin/audit");
  return result;
});

// ── OAuth 2.0 sign-in ──────────────────────────────────────────────────────────────────────────────
// "Connect" answers with the provider's sign-in address after setting the consent cookie, and the
// browser goes there.
export const startMailOAuthAction = adminAction(ZStartConsent, async (actor, input) => {
  const { url, cookie } = await startConsent(db, actor, input);
  (await cookies()).set(CONSENT_COOKIE, cookie, consentCookieOptions());
  return { url };
});

export const updateSmtpOAuthAction = adminAction(ZSmtpOAuthForm, async (actor, input) => {
  const result = await updateSmtpOAuth(db, actor, input);
  revalidatePath("/admin/mail", "layout");
  return result;
});

// ── Templates ──────────────────────────────────────────────────────────────────────────────────────
function revalidateTemplates(key: string) {
  revalidatePath("/admin/mail/templates");
  revalidatePath(`/admin/mail/templates/${key}`);
  revalidatePath("/admin/audit");
}

export const saveMailTemplateAction = adminAction(ZMailTemplate, async (actor, input) => {
  const result = await saveMailTemplate(db, actor, input);
  revalidateTemplates(result.key);
  return result;
});

export const resetMailTemplateAction = adminAction(ZTemplateKey, async (actor, input) => {
  const result = await resetMailTemplate(db, actor, input);
  revalidateTemplates(result.key);
  return result;
});

/** Renders the form's current text with sample values; changes nothing. */
export const previewMailTemplateAction = adminAction(ZMailTemplate, async (actor, input) => previewMailTemplate(actor, input));
