import "server-only";
// The OAuth 2.0 sign-in of a mail connection as the admin screens see it: saving the app
// registration (the client secret sealed; blank keeps the stored one), what the pages show (never a
// secret or a token), and the SMTP sign-in page's save. The consent itself is in oauth-consent.ts.
import type { StaffActor } from "@/lib/auth/actor";
import { providerLabel, type OAuthFlow, type OAuthProvider } from "@/lib/mail/oauth/providers";
import { SMTP_GRANT_KEY } from "@/lib/mail/oauth/tokens";
import { invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { sealSecret } from "@/lib/server/secret-box";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZSmtpOAuthForm, type SmtpOAuthFormInput } from "./schemas";

export type OAuthRegistrationInput = {
  oauthProvider: OAuthProvider;
  oauthFlow: OAuthFlow;
  oauthTenant: string;
  oauthClientId: string;
  oauthClientSecret: string;
  oauthAuthorizeUrl: string;
  oauthTokenUrl: string;
};

/** What a new consent must replace: tokens of another app, tenant or provider are worthless. */
const FORGET_TOKENS = { account: null, refreshToken: null, accessToken: null, accessTokenExpiresAt: null, connectedAt: null, needsReconnect: false, lastError: null, lastErrorAt: null } as const;

/**
 * Saves the app registration of grant `key` (creating it on first save). Changing the provider, the
 * flow, the tenant, the client or an endpoint forgets the tokens: they belong to the old app. A new
 * client secret alone keeps them, and clears an app-only grant's refused-credentials error.
 */
export async function saveOAuthRegistration(tx: Tx, key: string, input: OAuthRegistrationInput, mailboxId: number | null): Promise<{ secretChanged: boolean; tokensForgotten: boolean }> {
  const existing = await tx.mailOAuthGrant.findUnique({ where: { key } });
  const secret = input.oauthClientSecret.trim();
  if (!existing && !secret) throw invalid({ oauthClientSecret: "Enter the client secret from the app registration." });
  const fields = { provider: input.oauthProvider, flow: input.oauthFlow, tenant: input.oauthTenant, clientId: input.oauthClientId, authorizeUrl: input.oauthAuthorizeUrl, tokenUrl: input.oauthTokenUrl };
  const changedApp = !!existing && (Object.keys(fields) as (keyof typeof fields)[]).some((k) => existing[k] !== fields[k]);
  const retryCredentials = !!secret && fields.flow === "client_credentials" ? { lastError: null, lastErrorAt: null, accessToken: null, accessTokenExpiresAt: null } : {};
  const data = { ...fields, ...(secret ? { clientSecret: sealSecret(secret) } : {}), ...retryCredentials, ...(changedApp ? FORGET_TOKENS : {}) };
  if (existing) await tx.mailOAuthGrant.update({ where: { key }, data });
  else await tx.mailOAuthGrant.create({ data: { key, mailboxId, ...fields, clientSecret: sealSecret(secret) } });
  return { secretChanged: !!secret && !!existing, tokensForgotten: changedApp && !!existing?.refreshToken };
}

/** The sign-in as the audit log shows it: who and which app, never a secret or a token. */
export async function oauthSnapshot(tx: Tx, key: string, secretChanged = false): Promise<Snapshot> {
  const g = await tx.mailOAuthGrant.findUnique({ where: { key } });
  if (!g) return {};
  return {
    oauthProvider: providerLabel(g.provider),
    oauthFlow: g.flow === "client_credentials" ? "app-only (client credentials)" : "consent in the browser",
    oauthTenant: g.tenant || null,
    oauthClientId: g.clientId,
    oauthEndpoints: g.authorizeUrl || g.tokenUrl ? `${g.authorizeUrl || "default"} · ${g.tokenUrl || "default"}` : "provider's",
    oauthConnectedAs: g.account,
    ...(secretChanged ? { oauthClientSecret: "changed" } : {}),
  };
}

export type OAuthGrantView = {
  key: string;
  provider: OAuthProvider;
  flow: OAuthFlow;
  tenant: string;
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  hasSecret: boolean;
  account: string | null;
  connected: boolean;
  connectedAt: Date | null;
  needsReconnect: boolean;
  lastError: string | null;
  lastErrorAt: Date | null;
};

/** A grant for the pages: everything but its secret and tokens, of which only their presence is told. */
export async function oauthGrantView(db: Db | Tx, actor: StaffActor, key: string): Promise<OAuthGrantView | null> {
  assertAdmin(actor);
  const g = await db.mailOAuthGrant.findUnique({ where: { key } });
  if (!g) return null;
  return {
    key: g.key,
    provider: g.provider as OAuthProvider,
    flow: g.flow as OAuthFlow,
    tenant: g.tenant,
    clientId: g.clientId,
    authorizeUrl: g.authorizeUrl,
    tokenUrl: g.tokenUrl,
    hasSecret: g.clientSecret !== "",
    account: g.account,
    connected: g.flow === "client_credentials" || g.refreshToken !== null,
    connectedAt: g.connectedAt,
    needsReconnect: g.needsReconnect,
    lastError: g.lastError,
    lastErrorAt: g.lastErrorAt,
  };
}

/** The version the SMTP sign-in form saves against: a fingerprint of what the audit log shows of it. */
export async function smtpOAuthVersion(db: Db | Tx, actor: StaffActor): Promise<string> {
  assertAdmin(actor);
  return editVersion(await oauthSnapshot(db, SMTP_GRANT_KEY));
}

/** The SMTP sign-in page's save: the app registration of the "smtp" grant, audited under the mail settings. */
export async function updateSmtpOAuth(db: Db, actor: StaffActor, raw: SmtpOAuthFormInput): Promise<{ tokensForgotten: boolean; version: string }> {
  const input = parseInput(ZSmtpOAuthForm, raw);
  return adminWrite(db, actor, async (tx) => {
    const before = await oauthSnapshot(tx, SMTP_GRANT_KEY);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "The SMTP sign-in", entity: "mail-settings", entityId: "smtp-oauth" });
    const saved = await saveOAuthRegistration(tx, SMTP_GRANT_KEY, input, null);
    await recordAudit(tx, actor, { entity: "mail-settings", entityId: "smtp-oauth", action: "update", before, after: await oauthSnapshot(tx, SMTP_GRANT_KEY, saved.secretChanged) });
    return { tokensForgotten: saved.tokensForgotten, version: await smtpOAuthVersion(tx, actor) };
  });
}
