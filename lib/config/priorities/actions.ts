"use server";
// The priority screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreatePriority, ZUpdatePriority } from "./schemas";
import { createPriority, deletePriority, updatePriority } from "./service";

export const createPriorityAction = adminAction(ZCreatePriority, async (actor, input) => {
  const result = await createPriority(db, actor, input);
  revalidateConfig("priorities", { agent: true });
  return result;
});

export const updatePriorityAction = adminAction(ZUpdatePriority, async (actor, input) => {
  const result = await updatePriority(db, actor, input);
  revalidateConfig("priorities", { agent: true });
  return result;
});

export const deletePriorityAction = adminAction(ZById, async (actor, input) => {
  const result = await deletePriority(db, actor, input);
  revalidateConfig("priorities", { agent: true });
  return result;
});
