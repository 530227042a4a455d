"use server";
// The role screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateRole, ZUpdateRole } from "./schemas";
import { createRole, deleteRole, updateRole } from "./service";

export const createRoleAction = adminAction(ZCreateRole, async (actor, input) => {
  const result = await createRole(db, actor, input);
  revalidateConfig("roles");
  return result;
});

export const updateRoleAction = adminAction(ZUpdateRole, async (actor, input) => {
  const result = await updateRole(db, actor, input);
  revalidateConfig("roles", { agent: true });
  return result;
});

export const deleteRoleAction = adminAction(ZById, async (actor, input) => {
  const result = await deleteRole(db, actor, input);
  revalidateConfig("roles");
  return result;
});
