"use server";
// Admin console actions. Each is a few lines: the admin action client authenticates and refuses
// non-admins, validates with the form's schema; the service re-checks, writes in one transaction
// with an audit row; then the pages that show the change revalidate.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { createApiKey, revokeApiKey } from "./api-keys";
import { deactivateAgent, inviteAgent, reactivateAgent, resetAgentPassword, setAgentAdmin, updateAgent } from "./agents";
import { archiveDepartment, createDepartment, unarchiveDepartment, updateDepartment } from "./departments";
import { ZById } from "./fields";
import { createHelpTopic, updateHelpTopic } from "./help-topics";
import { createPriority, deletePriority, updatePriority } from "./priorities";
import { createRole, deleteRole, updateRole } from "./roles";
import {
  ZCreateAgent, ZCreateApiKey, ZCreateDepartment, ZCreateHelpTopic, ZCreatePriority, ZCreateRole, ZCreateSlaPlan, ZCreateTeam, ZSetAdmin, ZSettingsForm,
  ZUpdateAgent, ZUpdateDepartment, ZUpdateHelpTopic, ZUpdatePriority, ZUpdateRole, ZUpdateSlaPlan, ZUpdateTeam,
} from "./schemas";
import { updateSettings } from "./settings";
import { createSlaPlan, deleteSlaPlan, updateSlaPlan } from "./sla-plans";
import { createTeam, updateTeam } from "./teams";

/** The admin section and whatever else shows the entity: the agent dashboard, the public form. */
function revalidate(section: string, { agent = false, portal = false } = {}) {
  revalidatePath(`/admin/${section}`, "layout");
  revalidatePath("/admin");
  if (agent) revalidatePath("/agent", "layout");
  if (portal) {
    revalidatePath("/");
    revalidatePath("/open");
  }
}

// ── Departments ──────────────────────────────────────────────────────────────
export const createDepartmentAction = adminAction(ZCreateDepartment, async (actor, input) => {
  const result = await createDepartment(db, actor, input);
  revalidate("departments", { agent: true, portal: true });
  return result;
});

export const updateDepartmentAction = adminAction(ZUpdateDepartment, async (actor, input) => {
  const result = await updateDepartment(db, actor, input);
  revalidate("departments", { agent: true, portal: true });
  return result;
});

export const archiveDepartmentAction = adminAction(ZById, async (actor, input) => {
  const result = await archiveDepartment(db, actor, input);
  revalidate("departments", { agent: true, portal: true });
  return result;
});

export const unarchiveDepartmentAction = adminAction(ZById, async (actor, input) => {
  const result = await unarchiveDepartment(db, actor, input);
  revalidate("departments", { agent: true, portal: true });
  return result;
});

// ── Agents ───────────────────────────────────────────────────────────────────
export const inviteAgentAction = adminAction(ZCreateAgent, async (actor, input) => {
  const result = await inviteAgent(db, actor, input);
  revalidate("agents", { agent: true });
  return result;
});

export const updateAgentAction = adminAction(ZUpdateAgent, async (actor, input) => {
  const result = await updateAgent(db, actor, input);
  revalidate("agents", { agent: true });
  return result;
});

export const setAgentAdminAction = adminAction(ZSetAdmin, async (actor, input) => {
  const result = await setAgentAdmin(db, actor, input);
  revalidate("agents", { agent: true });
  return result;
});

export const deactivateAgentAction = adminAction(ZById, async (actor, input) => {
  const result = await deactivateAgent(db, actor, input);
  revalidate("agents", { agent: true });
  return result;
});

export const reactivateAgentAction = adminAction(ZById, async (actor, input) => {
  const result = await reactivateAgent(db, actor, input);
  revalidate("agents", { agent: true });
  return result;
});

export const resetAgentPasswordAction = adminAction(ZById, async (actor, input) => {
  const result = await resetAgentPassword(db, actor, input);
  revalidate("agents");
  return result;
});

// ── Roles ────────────────────────────────────────────────────────────────────
export const createRoleAction = adminAction(ZCreateRole, async (actor, input) => {
  const result = await createRole(db, actor, input);
  revalidate("roles");
  return result;
});

export const updateRoleAction = adminAction(ZUpdateRole, async (actor, input) => {
  const result = await updateRole(db, actor, input);
  revalidate("roles", { agent: true });
  return result;
});

export const deleteRoleAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteRole(db, actor, input);
  revalidate("roles");
  return result;
});

// ── Help topics ──────────────────────────────────────────────────────────────
export const createHelpTopicAction = adminAction(ZCreateHelpTopic, async (actor, input) => {
  const result = await createHelpTopic(db, actor, input);
  revalidate("help-topics", { portal: true });
  return result;
});

export const updateHelpTopicAction = adminAction(ZUpdateHelpTopic, async (actor, input) => {
  const result = await updateHelpTopic(db, actor, input);
  revalidate("help-topics", { portal: true });
  return result;
});

// ── Priorities ───────────────────────────────────────────────────────────────
export const createPriorityAction = adminAction(ZCreatePriority, async (actor, input) => {
  const result = await createPriority(db, actor, input);
  revalidate("priorities", { agent: true });
  return result;
});

export const updatePriorityAction = adminAction(ZUpdatePriority, async (actor, input) => {
  const result = await updatePriority(db, actor, input);
  revalidate("priorities", { agent: true });
  return result;
});

export const deletePriorityAction = adminAction(ZById, async (actor, input) => {
  const result = await deletePriority(db, actor, input);
  revalidate("priorities", { agent: true });
  return result;
});

// ── SLA plans ────────────────────────────────────────────────────────────────
export const createSlaPlanAction = adminAction(ZCreateSlaPlan, async (actor, input) => {
  const result = await createSlaPlan(db, actor, input);
  revalidate("sla");
  return result;
});

export const updateSlaPlanAction = adminAction(ZUpdateSlaPlan, async (actor, input) => {
  const result = await updateSlaPlan(db, actor, input);
  revalidate("sla");
  return result;
});

export const deleteSlaPlanAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteSlaPlan(db, actor, input);
  revalidate("sla");
  return result;
});

// ── Teams ────────────────────────────────────────────────────────────────────
export const createTeamAction = adminAction(ZCreateTeam, async (actor, input) => {
  const result = await createTeam(db, actor, input);
  revalidate("teams", { agent: true });
  return result;
});

export const updateTeamAction = adminAction(ZUpdateTeam, async (actor, input) => {
  const result = await updateTeam(db, actor, input);
  revalidate("teams", { agent: true });
  return result;
});

// ── Settings ─────────────────────────────────────────────────────────────────
export const updateSettingsAction = adminAction(ZSettingsForm, async (actor, input) => {
  const result = await updateSettings(db, actor, input);
  revalidate("settings", { agent: true, portal: true });
  return result;
});

// ── API keys ─────────────────────────────────────────────────────────────────
export const createApiKeyAction = adminAction(ZCreateApiKey, async (actor, input) => {
  const result = await createApiKey(db, actor, input);
  revalidate("api-keys");
  return result;
});

export const revokeApiKeyAction = adminAction(ZById, async (actor, input) => {
  const result = await revokeApiKey(db, actor, input);
  revalidate("api-keys");
  return result;
});
