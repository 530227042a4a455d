"use server";
// The department screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateDepartment, ZUpdateDepartment } from "./schemas";
import { archiveDepartment, createDepartment, unarchiveDepartment, updateDepartment } from "./service";

export const createDepartmentAction = adminAction(ZCreateDepartment, async (actor, input) => {
  const result = await createDepartment(db, actor, input);
  revalidateConfig("departments", { agent: true, portal: true });
  return result;
});

export const updateDepartmentAction = adminAction(ZUpdateDepartment, async (actor, input) => {
  const result = await updateDepartment(db, actor, input);
  revalidateConfig("departments", { agent: true, portal: true });
  return result;
});

export const archiveDepartmentAction = adminAction(ZById, async (actor, input) => {
  const result = await archiveDepartment(db, actor, input);
  revalidateConfig("departments", { agent: true, portal: true });
  return result;
});

export const unarchiveDepartmentAction = adminAction(ZById, async (actor, input) => {
  const result = await unarchiveDepartment(db, actor, input);
  revalidateConfig("departments", { agent: true, portal: true });
  return result;
});
