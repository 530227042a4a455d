import "server-only";
// Reads for the API keys screen (prefixes and labels only: a key is shown once, when made).
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { listApiKeys } from "./service";

export const apiKeyList = cache((actor: StaffActor) => listApiKeys(db, actor));
