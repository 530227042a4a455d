import "server-only";
// Reads for the agent screens: the list, the edit form, and the sign-in card (sessions, two-factor, linked accounts).
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import type { ListParams } from "@/lib/config/shared/fields";
import { db } from "@/lib/server/db";
import { accessOptions, agentForEdit, listAgents } from "./reads";
import { agentSignInFacts } from "./sign-in";

export const agentsPage = cache((actor: StaffActor, params: ListParams & { inactive?: boolean }) => listAgents(db, actor, params));
export const agentToEdit = cache((actor: StaffActor, id: number) => agentForEdit(db, actor, id));
export const agentAccessChoices = cache((actor: StaffActor) => accessOptions(db, actor));
export const agentSignIn = cache((actor: StaffActor, staffId: number) => agentSignInFacts(db, actor, staffId));
