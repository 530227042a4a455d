"use server";
// The settings screens' actions (General, Sign-in). Each screen saves only its own keys; the
// service refuses a form opened on values someone has saved since (a conflict, not a silent
// overwrite) and records an audit row of what changed.
import { revalidatePath } from "next/cache";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { getSessionState } from "@/lib/server/session";
import { ZSettingsForm } from "./schemas";
import { updateSettings } from "./service";
import { updateSignInSettings } from "./sign-in";
import { ZSignInSettingsForm } from "./sign-in-schemas";

export const updateSettingsAction = adminAction(ZSettingsForm, async (actor, input) => {
  const result = await updateSettings(db, actor, input);
  revalidateConfig("settings", { agent: true, portal: true });
  return result;
});

export const updateSignInSettingsAction = adminAction(ZSignInSettingsForm, async (actor, input) => {
  const session = await getSessionState();
  const result = await updateSignInSettings(db, actor, input, session.state === "active" ? { id: session.sessionId, method: session.method } : null);
  revalidatePath("/admin/sign-in");
  revalidatePath("/admin/audit");
  return result;
});
