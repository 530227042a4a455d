"use server";
// Canned response actions. Staff actions, not admin ones: an agent whose role grants canned.manage
// manages their departments' responses; the service checks that permission per department
// (lib/auth/policy.ts) and audits the change in the same transaction.
import { revalidatePath } from "next/cache";
import { ZById } from "@/lib/config/shared/fields";
import { staffAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZCreateCanned, ZUpdateCanned } from "./schemas";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "./service";

/** Both consoles list the responses; the ticket composer reads them fresh on each request. */
function revalidateCanned() {
  revalidatePath("/admin/canned", "layout");
  revalidatePath("/agent/canned", "layout");
}

export const createCannedAction = staffAction(ZCreateCanned, async (actor, input) => {
  const result = await createCannedResponse(db, actor, input);
  revalidateCanned();
  return result;
});

export const updateCannedAction = staffAction(ZUpdateCanned, async (actor, input) => {
  const result = await updateCannedResponse(db, actor, input);
  revalidateCanned();
  return result;
});

export const deleteCannedAction = staffAction(ZById, async (actor, input) => {
  const result = await deleteCannedResponse(db, actor, input);
  revalidateCanned();
  return result;
});
