"use server";
// The help topic screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateHelpTopic, ZUpdateHelpTopic } from "./schemas";
import { createHelpTopic, updateHelpTopic } from "./service";

export const createHelpTopicAction = adminAction(ZCreateHelpTopic, async (actor, input) => {
  const result = await createHelpTopic(db, actor, input);
  revalidateConfig("help-topics", { portal: true });
  return result;
});

export const updateHelpTopicAction = adminAction(ZUpdateHelpTopic, async (actor, input) => {
  const result = await updateHelpTopic(db, actor, input);
  revalidateConfig("help-topics", { portal: true });
  return result;
});
