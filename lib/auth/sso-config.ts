// Which single sign-on providers this server offers, from the environment. Microsoft Entra ID and
// one generic OpenID Connect provider (Google Workspace, Okta, Keycloak…), each on only when its
// issuer, client id and secret are all set. Pure: no secret leaves this module but through
// ssoProviderConfigs (server only); the sign-in page gets ids and labels.
type Env = Record<string, string | undefined>;

export const SSO_PROVIDER_IDS = ["entra", "oidc"] as const;
export type SsoProviderId = (typeof SSO_PROVIDER_IDS)[number];

export type SsoProviderConfig = { id: SsoProviderId; label: string; issuer: string; clientId: string; clientSecret: string };
export type SsoProviderInfo = { id: SsoProviderId; label: string; issuer: string };

export function isSsoProviderId(value: unknown): value is SsoProviderId {
  return typeof value === "string" && (SSO_PROVIDER_IDS as readonly string[]).includes(value);
}

function configFrom(env: Env, prefix: string, id: SsoProviderId, label: string): SsoProviderConfig | null {
  const issuer = env[`${prefix}_ISSUER`]?.trim().replace(/\/+$/, "");
  const clientId = env[`${prefix}_CLIENT_ID`]?.trim();
  const clientSecret = env[`${prefix}_CLIENT_SECRET`]?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { id, label, issuer, clientId, clientSecret };
}

export function ssoProviderConfigs(env: Env = process.env): SsoProviderConfig[] {
  return [
    configFrom(env, "AUTH_ENTRA", "entra", "Microsoft"),
    configFrom(env, "AUTH_OIDC", "oidc", env.AUTH_OIDC_NAME?.trim().slice(0, 40) || "single sign-on"),
  ].filter((c): c is SsoProviderConfig => c !== null);
}

/** What pages may show: no client ids or secrets. */
export function ssoProviders(env: Env = process.env): SsoProviderInfo[] {
  return ssoProviderConfigs(env).map(({ id, label, issuer }) => ({ id, label, issuer }));
}

/** The address to register with the identity provider, e.g. https://help.example.com/api/auth/callback/entra. */
export function ssoRedirectUri(appUrl: string, id: SsoProviderId): string {
  return `${appUrl.replace(/\/+$/, "")}/api/auth/callback/${id}`;
}
