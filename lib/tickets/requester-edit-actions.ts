"use server";
// The agents' "Edit requester" action: the action client authenticates and validates, the service
// checks the policy and writes in one transaction, then every agent page (the requester's name shows
// on all their tickets and in the queues) revalidates.
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { editRequester } from "./requester-edit";
import { ZEditRequester } from "./requester-edit-schema";

export const editRequesterAction = staffAction(ZEditRequester, async (actor, input) => {
  const result = await editRequester(db, actor, input);
  revalidatePath("/agent", "layout");
  return result;
});
