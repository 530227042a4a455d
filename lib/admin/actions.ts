"use server";
// Admin console actions. Each is a few lines: the admin action client authenticates and refuses
// non-admins, validates with the form's schema; the service re-checks, writes in one transaction
// with an audit row; then the pages that show the change revalidate.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { deactivateAgent, inviteAgent, reactivateAgent, resetAgentPassword, setAgentAdmin, updateAgent } from "./agents";
import { archiveDepartment, createDepartment, unarchiveDepartment, updateDepartment } from "./departments";
import { ZById } from "./fields";
import { ZCreateAgent, ZCreateDepartment, ZSetAdmin, ZUpdateAgent, ZUpdateDepartment } from "./schemas";

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
