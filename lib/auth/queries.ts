import "server-only";
// Reads for the sign-in pages.
import type { Db } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { ssoProviders, type SsoProviderInfo } from "./sso-config";

export type SignInPageOptions = { providers: SsoProviderInfo[]; requireSso: boolean };

/** Which ways in the sign-in page offers. With single sign-on required but none configured, the password form stays (for the break-glass account). */
export async function signInPageOptions(db: Db): Promise<SignInPageOptions> {
  const providers = ssoProviders();
  const settings = await loadSettings(db);
  return { providers, requireSso: settings.signInRequireSso && providers.length > 0 };
}
