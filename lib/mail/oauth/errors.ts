// Token failures in plain words for the admin, and what can fix them: a revoked or expired grant
// needs the account to consent again (Reconnect); a refused client secret needs a new one; a
// network failure passes by itself. Never includes a token or a secret: only the provider's error
// code and the first sentence of its description, which name neither.
import { providerLabel } from "./providers";

export type TokenFailureKind = "reconnect" | "credentials" | "config" | "transient";

export class OAuthTokenError extends Error {
  constructor(
    readonly kind: TokenFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "OAuthTokenError";
  }
}

/** What the failing grant is for, as the sentence's object: "the mailbox", "outgoing mail". */
export type GrantSubject = "the mailbox" | "outgoing mail";

const RECONNECT_ERRORS = new Set(["invalid_grant", "interaction_required", "consent_required", "login_required"]);
const CREDENTIAL_ERRORS = new Set(["invalid_client", "unauthorized_client"]);

/** The provider's own words, shortened: Microsoft appends trace and correlation ids and a timestamp. */
export function providerDetail(description: string | undefined): string {
  if (!description) return "";
  const first = description.split(/\s*(?:\r?\n|Trace ID:|Correlation ID:|Timestamp:)/)[0].trim();
  return first.length > 200 ? `${first.slice(0, 197)}…` : first;
}

export function reconnectMessage(provider: string, subject: GrantSubject): string {
  return `${providerLabel(provider)} refused the saved sign-in: the grant was revoked or expired. Reconnect ${subject}.`;
}

type OAuthErrorShape = { error?: unknown; error_description?: unknown; status?: unknown; name?: string; code?: string; message?: string; cause?: unknown };

/** Turns whatever a token request threw into an OAuthTokenError with a sentence an admin can act on. */
export function describeTokenFailure(error: unknown, provider: string, subject: GrantSubject, flow: string): OAuthTokenError {
  if (error instanceof OAuthTokenError) return error;
  const label = providerLabel(provider);
  const e = (error ?? {}) as OAuthErrorShape;
  if (typeof e.error === "string") {
    const code = e.error;
    const detail = providerDetail(typeof e.error_description === "string" ? e.error_description : undefined);
    const said = ` (${label} said: ${detail || code})`;
    if (RECONNECT_ERRORS.has(code) && flow !== "client_credentials") return new OAuthTokenError("reconnect", `${reconnectMessage(provider, subject)}${said}`);
    if (CREDENTIAL_ERRORS.has(code) || (code === "invalid_grant" && flow === "client_credentials")) {
      const expired = /AADSTS7000222|expired/i.test(detail);
      return new OAuthTokenError("credentials", `${label} refused the app's credentials: ${expired ? "the client secret has expired" : "the client ID or client secret is wrong, or the secret has expired"}. Enter a new client secret in the sign-in settings.${said}`);
    }
    if (code === "invalid_scope") return new OAuthTokenError("config", `${label} refused the requested permissions: check the app registration's API permissions (and admin consent).${said}`);
    if (typeof e.status === "number" && e.status >= 500) return new OAuthTokenError("transient", `${label}'s sign-in service failed (${e.status}); the next attempt tries again.${said}`);
    return new OAuthTokenError("config", `${label} refused the token request (${code}).${said}`);
  }
  if (e.name === "TimeoutError" || e.name === "AbortError") return new OAuthTokenError("transient", `${label}'s sign-in service did not answer in time; the next attempt tries again.`);
  if (e.name === "SecretKeyError") return new OAuthTokenError(flow === "client_credentials" ? "credentials" : "reconnect", `The saved sign-in cannot be read with this server's encryption key (was HELPDESK_ENCRYPTION_KEY changed?). ${flow === "client_credentials" ? "Enter the client secret again." : `Reconnect ${subject}.`}`);
  if (e.name === "TypeError" && /fetch failed/i.test(e.message ?? "")) {
    const cause = (e.cause ?? {}) as { code?: string };
    return new OAuthTokenError("transient", `Could not reach ${label}'s sign-in service${cause.code ? ` (${cause.code})` : ""}; the next attempt tries again.`);
  }
  if (typeof e.code === "string" && e.code.startsWith("OAUTH_")) return new OAuthTokenError("config", `${label}'s sign-in service sent an answer the help desk cannot use (${e.message ?? e.code}). Check the token endpoint.`);
  return new OAuthTokenError("transient", `Getting a token from ${label} failed: ${(e.message ?? String(error)).slice(0, 200)}`);
}
