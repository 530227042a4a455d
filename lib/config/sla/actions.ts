"use server";
// The SLA plan screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateSlaPlan, ZUpdateSlaPlan } from "./schemas";
import { createSlaPlan, deleteSlaPlan, updateSlaPlan } from "./service";

export const createSlaPlanAction = adminAction(ZCreateSlaPlan, async (actor, input) => {
  const result = await createSlaPlan(db, actor, input);
  revalidateConfig("sla");
  return result;
});

export const updateSlaPlanAction = adminAction(ZUpdateSlaPlan, async (actor, input) => {
  const result = await updateSlaPlan(db, actor, input);
  revalidateConfig("sla");
  return result;
});

export const deleteSlaPlanAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteSlaPlan(db, actor, input);
  revalidateConfig("sla");
  return result;
});
