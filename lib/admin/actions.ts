"use server";
// Canned-response actions (the configuration screens' actions moved to lib/config/<capability>/actions.ts;
// these move with canned responses to their own capability).
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "./canned";
import { ZCreateCanned, ZUpdateCanned } from "./schemas";

/** The canned list, and the dashboard's counts. */
function revalidate(section: string) {
  revalidatePath(`/admin/${section}`, "layout");
  revalidatePath("/admin");
}

// ── Canned responses ─────────────────────────────────────────────────────────
// Staff actions, not admin ones: an agent whose role grants canned.manage manages their
// departments' responses; the service checks that permission per department.
export const createCannedAction = staffAction(ZCreateCanned, async (actor, input) => {
  const result = await createCannedResponse(db, actor, input);
  revalidate("canned");
  return result;
});

export const updateCannedAction = staffAction(ZUpdateCanned, async (actor, input) => {
  const result = await updateCannedResponse(db, actor, input);
  revalidate("canned");
  return result;
});

export const deleteCannedAction = staffAction(ZById, async (actor, input) => {
  const result = await deleteCannedResponse(db, actor, input);
  revalidate("canned");
  return result;
});
