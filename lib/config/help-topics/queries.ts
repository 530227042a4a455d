import "server-only";
// Reads for the help topic screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { helpTopicForEdit, helpTopicFormOptions, listHelpTopics } from "./service";

export const helpTopicsPage = cache((actor: StaffActor, params: ListParams & { departmentId?: number }) => listHelpTopics(db, actor, params));
export const helpTopicToEdit = cache((actor: StaffActor, id: number) => helpTopicForEdit(db, actor, id));
export const helpTopicOptions = cache((actor: StaffActor) => helpTopicFormOptions(db, actor));
