"use server";
// The API key screens' actions. Each is a few lines: the admin action client authenticates and
// refuses non-admins, validates with the form's schema; the service re-checks, writes in one
// transaction with an audit row; then the pages that show the change revalidate.
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZById } from "@/lib/config/shared/fields";
import { revalidateConfig } from "@/lib/config/shared/revalidate";
import { ZCreateApiKey } from "./schemas";
import { createApiKey, revokeApiKey } from "./service";

export const createApiKeyAction = adminAction(ZCreateApiKey, async (actor, input) => {
  const result = await createApiKey(db, actor, input);
  revalidateConfig("api-keys");
  return result;
});

export const revokeApiKeyAction = adminAction(ZById, async (actor, input) => {
  const result = await revokeApiKey(db, actor, input);
  revalidateConfig("api-keys");
  return result;
});
