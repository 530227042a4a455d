// The OAuth 2.0 conversations with the provider, through oauth4webapi (a maintained, certified
// implementation: response validation, PKCE, state, ID token claims), so none of it is hand-made:
// the authorization request (code flow with PKCE, state and nonce), the code exchange, the refresh,
// and Microsoft 365's client-credentials grant.
import * as oauth from "oauth4webapi";
import { expectedIssuer, isLoopbackHttp, resolveEndpoints, scopesFor, PRESETS, type OAuthFlow, type OAuthProvider, type OAuthPurpose } from "./providers";

export type AppRegistration = { provider: OAuthProvider; flow: OAuthFlow; tenant: string; clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string };
export type Tokens = { accessToken: string; refreshToken: string | null; expiresAt: Date };

/** A token request that hangs must not hold a poll or a send for long. */
const TOKEN_TIMEOUT_MS = 20_000;
/** When the provider does not say how long a token lasts: Microsoft's and Google's usual hour. */
const DEFAULT_LIFETIME_S = 3600;

function parts(reg: AppRegistration, issuer?: string) {
  const { authorizeUrl, tokenUrl } = resolveEndpoints(reg);
  const as: oauth.AuthorizationServer = { issuer: issuer ?? new URL(authorizeUrl).origin, authorization_endpoint: authorizeUrl, token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: reg.clientId };
  const options = { [oauth.allowInsecureRequests]: isLoopbackHttp(tokenUrl), signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) };
  return { as, client, auth: oauth.ClientSecretPost(reg.clientSecret), options };
}

function tokens(result: oauth.TokenEndpointResponse, now = Date.now()): Tokens {
  const lifetime = typeof result.expires_in === "number" && result.expires_in > 0 ? result.expires_in : DEFAULT_LIFETIME_S;
  return { accessToken: result.access_token, refreshToken: result.refresh_token ?? null, expiresAt: new Date(now + lifetime * 1000) };
}

export type AuthorizationRequest = { url: string; state: string; codeVerifier: string; nonce: string };

export async function authorizationRequest(reg: AppRegistration, purpose: OAuthPurpose, redirectUri: string, loginHint?: string): Promise<AuthorizationRequest> {
  const { authorizeUrl } = resolveEndpoints(reg);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(authorizeUrl);
  const params: Record<string, string> = {
    client_id: reg.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: scopesFor(reg.provider, "authorization_code", purpose),
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...PRESETS[reg.provider].authorizeParams,
    ...(loginHint ? { login_hint: loginHint } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.href, state, codeVerifier, nonce };
}

/** The ID token's claims, read before validation only to learn which Microsoft directory signed it in. */
function peekTenant(body: unknown): string | undefined {
  const idToken = (body as { id_token?: unknown })?.id_token;
  if (typeof idToken !== "string") return undefined;
  try {
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as { tid?: unknown };
    return typeof claims.tid === "string" && /^[A-Za-z0-9-]{1,64}$/.test(claims.tid) ? claims.tid : undefined;
  } catch {
    return undefined;
  }
}

export type Consent = { tokens: Tokens; account: string | null };

/**
 * Checks the callback (state; an error the provider sent back), exchanges the code with the PKCE
 * verifier, and validates the ID token's claims (issuer, audience, expiry, nonce). The ID token came
 * straight from the token endpoint over TLS, so its claims are trusted without a signature check
 * (OpenID Connect Core 3.1.3.7); it only names the account, and the mail server still decides
 * whether the token opens the mailbox.
 */
export async function exchangeCode(reg: AppRegistration, callback: URL, expected: { state: string; codeVerifier: string; nonce: string }, redirectUri: string): Promise<Consent> {
  const base = parts(reg);
  const params = oauth.validateAuthResponse(base.as, base.client, callback, expected.state);
  const response = await oauth.authorizationCodeGrantRequest(base.as, base.client, base.auth, params, redirectUri, expected.codeVerifier, base.options);
  const tid = reg.provider === "microsoft" ? peekTenant(await response.clone().json().catch(() => null)) : undefined;
  const { as, client } = parts(reg, expectedIssuer(reg.provider, base.as.authorization_endpoint!, tid));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: expected.nonce, requireIdToken: false });
  const claims = oauth.getValidatedIdTokenClaims(result);
  const account = claims ? [claims.email, claims.preferred_username, claims.upn].find((v): v is string => typeof v === "string" && v.includes("@")) ?? null : null;
  return { tokens: tokens(result), account: account?.toLowerCase() ?? null };
}

export async function refreshTokens(reg: AppRegistration, refreshToken: string): Promise<Tokens> {
  const { as, client, auth, options } = parts(reg);
  const response = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, options);
  // A refresh may bring a new ID token; its issuer is Microsoft's per-directory one, as at consent.
  const tid = reg.provider === "microsoft" ? peekTenant(await response.clone().json().catch(() => null)) : undefined;
  const checked = parts(reg, expectedIssuer(reg.provider, as.authorization_endpoint!, tid));
  return tokens(await oauth.processRefreshTokenResponse(checked.as, checked.client, response));
}

export async function clientCredentialsTokens(reg: AppRegistration): Promise<Tokens> {
  const { as, client, auth, options } = parts(reg);
  const response = await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: scopesFor(reg.provider, "client_credentials", "imap") }, options);
  return tokens(await oauth.processClientCredentialsResponse(as, client, response));
}
