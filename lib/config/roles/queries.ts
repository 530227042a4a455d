import "server-only";
// Reads for the role screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { listRoles, roleForEdit } from "./service";

export const rolesPage = cache((actor: StaffActor, params: ListParams) => listRoles(db, actor, params));
export const roleToEdit = cache((actor: StaffActor, id: number) => roleForEdit(db, actor, id));
