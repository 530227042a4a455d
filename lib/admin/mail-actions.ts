"use server";
// Mail admin actions: the admin action client authenticates and refuses non-admins, validates with
// the form's schema; the service re-checks, writes in one transaction with an audit row; then the
// pages that show the change revalidate.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "./fields";
import { discardInboundMessage, fileWithSender, retryInboundMessage } from "./mail-inbound";
import { discardOutboxMessage, retryOutboxMessage } from "./mail-outbox";
import { ZFileWithSender, ZMailSettingsForm, ZSendTestMail } from "./mail-schemas";
import { updateMailSettings } from "./mail-settings";
import { sendTestMessage } from "./mail-test-message";

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
