import "server-only";
// next-auth providers for the configured single sign-on: OpenID Connect discovery from the issuer,
// the authorization code flow with PKCE, state and nonce all checked, and the claims read from the
// ID token (signature, issuer, audience and nonce verified by openid-client). Who the claims open
// is decided in the signIn callback (lib/auth/sso-sign-in.ts), never here.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { ssoProviderConfigs, type SsoProviderConfig } from "./sso-config";

type Claims = Record<string, unknown> & { sub: string };

function provider(config: SsoProviderConfig): OAuthConfig<Claims> {
  return {
    id: config.id,
    name: config.label,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Discovery and the token exchange go to the identity provider; 3.5 s (the default) is short
    // for a first request to a cold tenant.
    httpOptions: { timeout: 10_000 },
    profile: (claims) => ({ id: claims.sub, name: typeof claims.name === "string" ? claims.name : null, email: typeof claims.email === "string" ? claims.email : null }),
  };
}

export function ssoNextAuthProviders(): OAuthConfig<Claims>[] {
  return ssoProviderConfigs().map(provider);
}
