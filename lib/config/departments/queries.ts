import "server-only";
// Reads for the department screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { departmentForEdit, departmentFormOptions, listDepartments } from "./service";

export const departmentsPage = cache((actor: StaffActor, params: ListParams & { archived?: boolean }) => listDepartments(db, actor, params));
export const departmentToEdit = cache((actor: StaffActor, id: number) => departmentForEdit(db, actor, id));
export const departmentChoices = cache((actor: StaffActor) => departmentFormOptions(db, actor));
