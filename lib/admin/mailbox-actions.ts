"use server";
// IMAP mailbox actions: the admin action client authenticates, refuses non-admins and validates
// with the form's schema; the service writes in one transaction with an audit row. Apart from
// actions.ts so the mail screens built in parallel do not collide.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "./fields";
import { ZCreateMailbox, ZUpdateMailbox } from "./mailbox-schemas";
import { createMailbox, deleteMailbox, pollMailboxNow, testMailboxConnection, updateMailbox } from "./mailboxes";

function revalidate() {
  revalidatePath("/admin/mail/mailboxes", "layout");
}

export const createMailboxAction = adminAction(ZCreateMailbox, async (actor, input) => {
  const result = await createMailbox(db, actor, input);
  revalidate();
  return result;
});

export const updateMailboxAction = adminAction(ZUpdateMailbox, async (actor, input) => {
  const result = await updateMailbox(db, actor, input);
  revalidate();
  return result;
});

export const deleteMailboxAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteMailbox(db, actor, input);
  revalidate();
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
  revalidate();
  revalidatePath("/agent", "layout");
  revalidatePath("/admin/mail/inbound");
  revalidatePath("/admin/audit");
  return result;
});
