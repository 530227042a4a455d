"use server";
// Admin actions about sign-in: the sign-in settings screen, and ending another staff member's
// sessions or resetting their two-factor from their agent page.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { getSessionState } from "@/lib/server/session";
import { endAgentSessions, resetAgentTwoFactor } from "./agent-sign-in";
import { ZById } from "./fields";
import { ZSignInSettingsForm } from "./sign-in-schemas";
import { updateSignInSettings } from "./sign-in-settings";

export const updateSignInSettingsAction = adminAction(ZSignInSettingsForm, async (actor, input) => {
  const session = await getSessionState();
  const result = await updateSignInSettings(db, actor, input, session.state === "active" ? { id: session.sessionId, method: session.method } : null);
  revalidatePath("/admin/sign-in");
  revalidatePath("/admin/audit");
  return result;
});

export const endAgentSessionsAction = adminAction(ZById, async (actor, input) => {
  const result = await endAgentSessions(db, actor, input);
  revalidatePath(`/admin/agents/${input.id}`);
  return result;
});

export const resetAgentTwoFactorAction = adminAction(ZById, async (actor, input) => {
  const result = await resetAgentTwoFactor(db, actor, input);
  revalidatePath(`/admin/agents/${input.id}`);
  return result;
});
