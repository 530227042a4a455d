"use server";
// The agent screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate. The sign-in ones
// (end another staff member's sessions, reset their two-factor) sit on the agent's page.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateAgent, ZSetAdmin, ZUpdateAgent } from "./schemas";
import { deactivateAgent, inviteAgent, reactivateAgent, resetAgentPassword, setAgentAdmin, updateAgent } from "./service";
import { endAgentSessions, resetAgentTwoFactor } from "./sign-in";

export const inviteAgentAction = adminAction(ZCreateAgent, async (actor, input) => {
  const result = await inviteAgent(db, actor, input);
  revalidateConfig("agents", { agent: true });
  return result;
});

export const updateAgentAction = adminAction(ZUpdateAgent, async (actor, input) => {
  const result = await updateAgent(db, actor, input);
  revalidateConfig("agents", { agent: true });
  return result;
});

export const setAgentAdminAction = adminAction(ZSetAdmin, async (actor, input) => {
  const result = await setAgentAdmin(db, actor, input);
  revalidateConfig("agents", { agent: true });
  return result;
});

export const deactivateAgentAction = adminAction(ZById, async (actor, input) => {
  const result = await deactivateAgent(db, actor, input);
  revalidateConfig("agents", { agent: true });
  return result;
});

export const reactivateAgentAction = adminAction(ZById, async (actor, input) => {
  const result = await reactivateAgent(db, actor, input);
  revalidateConfig("agents", { agent: true });
  return result;
});

export const resetAgentPasswordAction = adminAction(ZById, async (actor, input) => {
  const result = await resetAgentPassword(db, actor, input);
  revalidateConfig("agents");
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
