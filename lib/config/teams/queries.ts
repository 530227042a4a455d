import "server-only";
// Reads for the team screens.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { listTeams, teamForEdit, teamMemberChoices } from "./service";

export const teamsPage = cache((actor: StaffActor, params: ListParams) => listTeams(db, actor, params));
export const teamToEdit = cache((actor: StaffActor, id: number) => teamForEdit(db, actor, id));
export const teamMemberOptions = cache((actor: StaffActor, teamId?: number) => teamMemberChoices(db, actor, teamId));
