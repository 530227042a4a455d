// What the help desk knows about each OAuth 2.0 mail provider: where to sign in, which scopes a
// mailbox (IMAP) or the outgoing server (SMTP) needs, and the mail servers to prefill. Pure, so the
// endpoints and scopes are unit-tested; every endpoint can be overridden per connection (sovereign
// clouds, and the tests' local token server).

export const OAUTH_PROVIDERS = ["microsoft", "google"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
export const OAUTH_FLOWS = ["authorization_code", "client_credentials"] as const;
export type OAuthFlow = (typeof OAUTH_FLOWS)[number];
/** What the grant signs in to: an IMAP mailbox, or the outgoing SMTP server. */
export type OAuthPurpose = "imap" | "smtp";

type Server = { host: string; port: number; secure: boolean };

type Preset = {
  label: string;
  /** `{tenant}` is replaced by the connection's tenant. */
  authorizeUrl: string;
  tokenUrl: string;
  scopes: Record<OAuthPurpose, string[]>;
  /** Extra parameters of the authorization request. */
  authorizeParams: Record<string, string>;
  clientCredentialsScope: string | null;
  servers: Record<OAuthPurpose, Server>;
};

const OUTLOOK = "https://outlook.office.com";

export const PRESETS: Record<OAuthProvider, Preset> = {
  microsoft: {
    label: "Microsoft 365",
    authorizeUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
    tokenUrl: "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
    // openid + email + profile give an ID token that names the account ("Connected as …");
    // offline_access gives the refresh token that keeps the mailbox connected.
    scopes: {
      imap: ["openid", "email", "profile", "offline_access", `${OUTLOOK}/IMAP.AccessAsUser.All`],
      smtp: ["openid", "email", "profile", "offline_access", `${OUTLOOK}/SMTP.Send`],
    },
    // The admin is usually signed in to Microsoft as themselves; the mailbox is another account.
    authorizeParams: { prompt: "select_account" },
    clientCredentialsScope: "https://outlook.office365.com/.default",
    servers: { imap: { host: "outlook.office365.com", port: 993, secure: true }, smtp: { host: "smtp.office365.com", port: 587, secure: false } },
  },
  google: {
    label: "Gmail",
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    scopes: { imap: ["openid", "email", "https://mail.google.com/"], smtp: ["openid", "email", "https://mail.google.com/"] },
    // Google sends a refresh token only with access_type=offline, and again on a later consent only with prompt=consent.
    authorizeParams: { access_type: "offline", prompt: "consent" },
    clientCredentialsScope: null,
    servers: { imap: { host: "imap.gmail.com", port: 993, secure: true }, smtp: { host: "smtp.gmail.com", port: 465, secure: true } },
  },
};

export function providerLabel(provider: string): string {
  return PRESETS[provider as OAuthProvider]?.label ?? "The mail provider";
}

/** Microsoft's multi-tenant authority when no tenant is given: any work or school account. */
export const DEFAULT_TENANT = "organizations";

export type GrantEndpoints = { provider: OAuthProvider; tenant: string; authorizeUrl: string; tokenUrl: string };

function withTenant(template: string, tenant: string): string {
  return template.replace("{tenant}", encodeURIComponent(tenant.trim() || DEFAULT_TENANT));
}

/** The endpoints a connection uses: its own overrides, else the provider's with its tenant filled in. */
export function resolveEndpoints(g: GrantEndpoints): { authorizeUrl: string; tokenUrl: string } {
  const preset = PRESETS[g.provider];
  return {
    authorizeUrl: g.authorizeUrl.trim() || withTenant(preset.authorizeUrl, g.tenant),
    tokenUrl: g.tokenUrl.trim() || withTenant(preset.tokenUrl, g.tenant),
  };
}

/**
 * The issuer an ID token must name. Microsoft's is per directory (`…/{tid}/v2.0`, whatever tenant
 * alias was used to sign in); Google's is the sign-in page's origin (https://accounts.google.com).
 */
export function expectedIssuer(provider: OAuthProvider, authorizeUrl: string, tid: string | undefined): string {
  const origin = new URL(authorizeUrl).origin;
  return provider === "microsoft" ? `${origin}/${tid ?? "unknown-tenant"}/v2.0` : origin;
}

export function scopesFor(provider: OAuthProvider, flow: OAuthFlow, purpose: OAuthPurpose): string {
  const preset = PRESETS[provider];
  if (flow === "client_credentials") return preset.clientCredentialsScope ?? "";
  return preset.scopes[purpose].join(" ");
}

export function supportsClientCredentials(provider: OAuthProvider): boolean {
  return PRESETS[provider].clientCredentialsScope !== null;
}

export function presetServer(provider: OAuthProvider, purpose: OAuthPurpose): Server {
  return PRESETS[provider].servers[purpose];
}

/**
 * Token requests go over https only, except to this machine (a local test or a sidecar): a token
 * endpoint on plain http elsewhere would hand the client secret and tokens to anyone on the path.
 */
export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]");
  } catch {
    return false;
  }
}

export function endpointProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "Enter a full address starting with https://.";
  }
  if (u.protocol === "https:" || isLoopbackHttp(url)) return u.username || u.password ? "Leave user names and passwords out of the address." : null;
  return "Use an https:// address (plain http only for this machine).";
}

/** How long before its expiry an access token is renewed: a poll or a send must not start with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export function tokenIsFresh(expiresAt: Date | null, now: Date = new Date()): boolean {
  return expiresAt !== null && expiresAt.getTime() - REFRESH_MARGIN_MS > now.getTime();
}
