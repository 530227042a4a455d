import "server-only";
// The consent flow in the browser: "Connect" builds the provider's authorization request (code
// flow with PKCE, state and nonce) and keeps what the callback needs in a sealed, short-lived
// cookie bound to the admin who started it; the callback checks that cookie, the state and the
// admin's session before it exchanges the code, then stores the tokens sealed. A callback that does
// not match (another browser, another admin, an old or forged link) changes nothing.
import type { StaffActor } from "@/lib/auth/actor";
import { authorizationRequest, exchangeCode } from "@/lib/mail/oauth/protocol";
import { providerLabel, type OAuthPurpose } from "@/lib/mail/oauth/providers";
import { grantSubject, registration, SMTP_GRANT_KEY } from "@/lib/mail/oauth/tokens";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { openSecret, sealSecret } from "@/lib/server/secret-box";
import { loadSettings } from "@/lib/settings/store";
import { assertAdmin, auditedWrite, parseInput } from "@/lib/server/admin-write";
import { recordAudit } from "@/lib/server/audit/record";
import { ZStartConsent, type StartConsentInput } from "./schemas";

export const CONSENT_COOKIE = "helpdesk-mail-oauth";
export const CALLBACK_PATH = "/admin/mail/oauth/callback";
/** Long enough to sign in with MFA at the provider; short enough that a stolen cookie soon expires. */
export const CONSENT_TTL_MS = 10 * 60_000;

/** The address the provider sends the admin back to; it must be registered exactly in the app registration. */
export function oauthRedirectUri(env: Record<string, string | undefined> = process.env): string {
  const base = (env.APP_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
  return `${base}${CALLBACK_PATH}`;
}

/** Secure cookies when the public address is https (behind IIS or another TLS proxy). */
export function consentCookieOptions(env: Record<string, string | undefined> = process.env) {
  return { httpOnly: true, sameSite: "lax" as const, secure: (env.APP_URL ?? "").startsWith("https://"), path: CALLBACK_PATH, maxAge: CONSENT_TTL_MS / 1000 };
}

type ConsentCookie = { key: string; staffId: number; state: string; codeVerifier: string; nonce: string; expiresAt: number };

/** Where the admin returns to: the page of the connection (never a page named by the request). */
export function returnPath(key: string): string {
  return key === SMTP_GRANT_KEY ? "/admin/mail/smtp-oauth" : `/admin/mail/mailboxes/${key.slice("mailbox:".length)}`;
}

function purposeOf(key: string): OAuthPurpose {
  return key === SMTP_GRANT_KEY ? "smtp" : "imap";
}

/** The provider's sign-in page to send the browser to, and the sealed cookie to set first. */
export async function startConsent(db: Db, actor: StaffActor, raw: StartConsentInput): Promise<{ url: string; cookie: string }> {
  assertAdmin(actor);
  const { key } = parseInput(ZStartConsent, raw);
  const grant = await db.mailOAuthGrant.findUnique({ where: { key } });
  if (!grant) throw notFound("connection");
  if (grant.flow === "client_credentials") throw invalid({}, "App-only access signs in without a consent: use Test connection.");
  let loginHint: string | undefined;
  if (key === SMTP_GRANT_KEY) loginHint = (await loadSettings(db)).smtp.user || undefined;
  else {
    const mailbox = await db.imapMailbox.findUnique({ where: { id: grant.mailboxId ?? 0 }, select: { username: true, authMethod: true } });
    if (!mailbox || mailbox.authMethod !== "oauth") throw notFound("connection");
    loginHint = mailbox.username;
  }
  let request;
  try {
    request = await authorizationRequest(registration(grant), purposeOf(key), oauthRedirectUri(), loginHint);
  } catch {
    throw new AppError("INVALID", "The saved client secret cannot be read with this server's encryption key. Enter the client secret again and save.");
  }
  const cookie: ConsentCookie = { key, staffId: actor.id, state: request.state, codeVerifier: request.codeVerifier, nonce: request.nonce, expiresAt: Date.now() + CONSENT_TTL_MS };
  return { url: request.url, cookie: sealSecret(JSON.stringify(cookie)) };
}

export type ConsentOutcome = { redirect: string };

function readCookie(sealed: string | undefined): ConsentCookie | null {
  if (!sealed) return null;
  try {
    const c = JSON.parse(openSecret(sealed)) as ConsentCookie;
    return typeof c.key === "string" && typeof c.state === "string" && typeof c.staffId === "number" && c.expiresAt > Date.now() ? c : null;
  } catch {
    return null;
  }
}

/** Only a short error code from the provider goes into the address: never its free text. */
function reasonCode(error: unknown): string {
  const code = (error as { error?: unknown })?.error;
  return typeof code === "string" && /^[a-z_]{1,40}$/.test(code) ? code : "invalid_response";
}

/**
 * The callback. `actor` is the signed-in staff member (the route sends anyone else away). Returns
 * where to send the browser: the connection's page with ?oauth=connected, ?oauth=failed&reason=…,
 * or ?oauth=stale when the callback does not belong to a consent this admin started here.
 */
export async function completeConsent(db: Db, actor: StaffActor, callback: URL, sealedCookie: string | undefined): Promise<ConsentOutcome> {
  assertAdmin(actor);
  const cookie = readCookie(sealedCookie);
  if (!cookie || cookie.staffId !== actor.id) return { redirect: `${cookie ? returnPath(cookie.key) : "/admin/mail/mailboxes"}?oauth=stale` };
  const back = returnPath(cookie.key);
  const grant = await db.mailOAuthGrant.findUnique({ where: { key: cookie.key } });
  if (!grant || grant.flow === "client_credentials") return { redirect: `${back}?oauth=stale` };
  if (callback.searchParams.get("state") !== cookie.state) return { redirect: `${back}?oauth=stale` };
  let consent;
  try {
    consent = await exchangeCode(registration(grant), callback, cookie, oauthRedirectUri());
  } catch (error) {
    return { redirect: `${back}?oauth=failed&reason=${reasonCode(error)}` };
  }
  if (!consent.tokens.refreshToken) return { redirect: `${back}?oauth=failed&reason=no_refresh_token` };
  const now = new Date();
  await auditedWrite(db, async (tx) => {
    await tx.mailOAuthGrant.update({
      where: { id: grant.id },
      data: {
        account: consent.account,
        accessToken: sealSecret(consent.tokens.accessToken),
        accessTokenExpiresAt: consent.tokens.expiresAt,
        refreshToken: sealSecret(consent.tokens.refreshToken!),
        connectedAt: now,
        needsReconnect: false,
        lastError: null,
        lastErrorAt: null,
        refreshLeaseUntil: null,
      },
    });
    // The failed poll that asked for this reconnect is answered; the next poll records anything new.
    if (grant.mailboxId) await tx.imapMailbox.update({ where: { id: grant.mailboxId }, data: { lastError: null, lastErrorAt: null } });
    const entity = grant.key === SMTP_GRANT_KEY ? ("mail-settings" as const) : ("imap-mailbox" as const);
    await recordAudit(tx, actor, { entity, entityId: grant.mailboxId ?? "smtp-oauth", action: grant.connectedAt ? "oauth-reconnect" : "oauth-connect", after: { provider: providerLabel(grant.provider), connectedAs: consent.account, for: grantSubject(grant.key) } });
  });
  return { redirect: `${back}?oauth=connected` };
}
