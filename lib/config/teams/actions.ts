"use server";
// The team screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateTeam, ZUpdateTeam } from "./schemas";
import { createTeam, updateTeam } from "./service";

export const createTeamAction = adminAction(ZCreateTeam, async (actor, input) => {
  const result = await createTeam(db, actor, input);
  revalidateConfig("teams", { agent: true });
  return result;
});

export const updateTeamAction = adminAction(ZUpdateTeam, async (actor, input) => {
  const result = await updateTeam(db, actor, input);
  revalidateConfig("teams", { agent: true });
  return result;
});
