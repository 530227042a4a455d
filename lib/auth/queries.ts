import "server-only";
// Reads for the sign-in, set-password and account pages, and the staff member's own memberships.
import { cache } from "react";
import { db } from "@/lib/server/db";
import { loadSettings } from "@/lib/settings/store";
import { accountOverview } from "./account";
import type { StaffActor } from "./actor";
import { ssoProviders, type SsoProviderInfo } from "./sso-config";
import { staffTokenState } from "./staff-tokens";

export type SignInPageOptions = { providers: SsoProviderInfo[]; requireSso: boolean };

/** Which ways in the sign-in page offers. With single sign-on required but none configured, the password form stays (for the break-glass account). */
export const signInPageOptions = cache(async (): Promise<SignInPageOptions> => {
  const providers = ssoProviders();
  const settings = await loadSettings(db);
  return { providers, requireSso: settings.signInRequireSso && providers.length > 0 };
});

/** What the set-password page shows for a token (the token is the visitor's only credential), without consuming it. */
export const setPasswordTokenState = cache((token: string) => staffTokenState(db, token));

/** The account page: the actor's profile, sign-in methods and sessions (the current one marked). */
export const accountFor = cache((actor: StaffActor, currentSessionId: string) => accountOverview(db, actor, currentSessionId));

/** The departments the actor is a member of, with their role in each, by department name. */
export const departmentMemberships = cache((actor: StaffActor) =>
  db.staffDepartment.findMany({
    where: { staffId: actor.id },
    include: { department: { select: { name: true } }, role: { select: { name: true } } },
    orderBy: { department: { name: "asc" } },
  }),
);
