import "server-only";
// Reads for the settings screens (General, Sign-in): the values and the version the form saves against.
// Bound to the app's database and cached per request (React cache), so a page and its parts
// share one read. The reads refuse anyone but an administrator (lib/server/admin-write.ts).
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { settingsForEdit } from "./service";
import { signInSettingsForEdit } from "./sign-in";

export const generalSettings = cache((actor: StaffActor) => settingsForEdit(db, actor));
export const signInSettings = cache((actor: StaffActor) => signInSettingsForEdit(db, actor));
