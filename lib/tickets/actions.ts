"use server";
// Agent workflow actions. Each is a few lines: the action client authenticates and validates, the
// service checks the policy and writes in one transaction, then the pages that show it revalidate.
import { revalidatePath } from "next/cache";
import { staffAction, staffUploadAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { addNote, assignTicket, changeStatus, escalateTicket, replyToTicket, setPriority, transferTicket } from "./agent-steps";
import { markNotificationsRead, markTicketNotificationsRead } from "./notifications-service";
import { ZAssign, ZChangeStatus, ZEscalate, ZMarkRead, ZMarkTicketRead, ZNote, ZReply, ZSetPriority, ZTransfer } from "./schemas";

function revalidateTicket(number: string) {
  revalidatePath(`/agent/tickets/${number}`);
  revalidatePath("/agent", "layout");
}

export const replyAction = staffUploadAction(ZReply, async (actor, input, files) => {
  const result = await replyToTicket(db, actor, input, files);
  revalidateTicket(result.number);
  return result;
});

export const noteAction = staffUploadAction(ZNote, async (actor, input, files) => {
  const result = await addNote(db, actor, input, files);
  revalidateTicket(result.number);
  return result;
});

export const setPriorityAction = staffAction(ZSetPriority, async (actor, input) => {
  const result = await setPriority(db, actor, input);
  revalidateTicket(result.number);
  return result;
});

export const assignAction = staffAction(ZAssign, async (actor, input) => {
  const result = await assignTicket(db, actor, input);
  revalidateTicket(result.number);
  return result;
});

export const transferAction = staffAction(ZTransfer, async (actor, input) => {
  const result = await transferTicket(db, actor, input);
  revalidateTicket(result.number);
  return result;
});

export const changeStatusAction = staffAction(ZChangeStatus, async (actor, input) => {
  const result = await changeStatus(db, actor, input);
  revalidateTicket(result.number);
  return result;
});

export const escalateAction = staffAction(ZEscalate, async (actor, input) => {
  const result = await escalateTicket(db, actor, input);
  revalidateTicket(result.number);
  return result;
});

// The bell is on every staff page, the admin console's included.
function revalidateBell() {
  revalidatePath("/agent", "layout");
  revalidatePath("/admin", "layout");
}

export const markNotificationsReadAction = staffAction(ZMarkRead, async (actor, input) => {
  const count = await markNotificationsRead(db, actor, input);
  revalidateBell();
  return { count };
});

export const markTicketReadAction = staffAction(ZMarkTicketRead, async (actor, input) => {
  const count = await markTicketNotificationsRead(db, actor, input);
  if (count) revalidateBell();
  return { count };
});
