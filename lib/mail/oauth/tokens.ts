import "server-only";
// The access token a mail connection signs in with. A saved token is used while it has more than
// a few minutes left; otherwise (or when the mail server refused it) it is renewed: with the refresh
// token after a consent, or a new client-credentials grant. One process renews a grant at a time (a
// short lease on the row): Microsoft rotates refresh tokens, and two processes racing to use the
// same one is how grants get lost with stricter providers. Every token and secret is sealed at rest.
import type { Db } from "@/lib/server/prisma";
import { openStoredSecret } from "@/lib/server/sealed-fields";
import { sealSecret } from "@/lib/server/secret-box";
import { describeTokenFailure, OAuthTokenError, reconnectMessage, type GrantSubject } from "./errors";
import { clientCredentialsTokens, refreshTokens, type AppRegistration, type Tokens } from "./protocol";
import { providerLabel, tokenIsFresh, type OAuthFlow, type OAuthProvider } from "./providers";

export type GrantRow = NonNullable<Awaited<ReturnType<Db["mailOAuthGrant"]["findUnique"]>>>;

export const SMTP_GRANT_KEY = "smtp";
export function mailboxGrantKey(mailboxId: number): string {
  return `mailbox:${mailboxId}`;
}
export function grantSubject(key: string): GrantSubject {
  return key === SMTP_GRANT_KEY ? "outgoing mail" : "the mailbox";
}

export function registration(row: GrantRow): AppRegistration {
  return {
    provider: row.provider as OAuthProvider,
    flow: row.flow as OAuthFlow,
    tenant: row.tenant,
    clientId: row.clientId,
    clientSecret: openStoredSecret(row.clientSecret, "the saved client secret"),
    authorizeUrl: row.authorizeUrl,
    tokenUrl: row.tokenUrl,
  };
}

/** How long one process may hold the right to renew a grant; a crashed holder blocks no one for longer. */
const LEASE_MS = 30_000;
/** How long a process waits for another's renewal before renewing itself. */
const WAIT_FOR_OTHER_MS = 15_000;

const inFlight = new Map<string, Promise<string>>();

export type TokenOptions = { forceRefresh?: boolean; now?: () => Date };

/**
 * The access token for the grant `key`. Throws OAuthTokenError: kind "reconnect" when only a new
 * consent can help (the message says so in plain words), "credentials" when the client secret is
 * refused, "transient" when the provider could not be reached.
 */
export async function accessTokenFor(db: Db, key: string, options: TokenOptions = {}): Promise<string> {
  const now = options.now ?? (() => new Date());
  const row = await db.mailOAuthGrant.findUnique({ where: { key } });
  if (!row) throw new OAuthTokenError("config", "OAuth sign-in is chosen, but no provider is set up. Enter the app registration in the sign-in settings.");
  const subject = grantSubject(key);
  if (row.needsReconnect) throw new OAuthTokenError("reconnect", row.lastError ?? reconnectMessage(row.provider, subject));
  if (row.flow === "authorization_code" && !row.refreshToken) throw new OAuthTokenError("reconnect", `Not connected to ${providerLabel(row.provider)} yet. Use Connect to sign in as the ${subject === "the mailbox" ? "mailbox's" : "sending"} account.`);
  if (!options.forceRefresh && row.accessToken && tokenIsFresh(row.accessTokenExpiresAt, now())) {
    try {
      return openStoredSecret(row.accessToken, "the saved access token");
    } catch {
      // Sealed under a key this server no longer has: renew below.
    }
  }
  const running = inFlight.get(key);
  if (running) return running;
  const renewal = renew(db, row, now).finally(() => inFlight.delete(key));
  inFlight.set(key, renewal);
  return renewal;
}

async function renew(db: Db, seen: GrantRow, now: () => Date): Promise<string> {
  const leased = await db.mailOAuthGrant.updateMany({
    where: { id: seen.id, OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now() } }] },
    data: { refreshLeaseUntil: new Date(now().getTime() + LEASE_MS) },
  });
  if (leased.count === 0) {
    const theirs = await waitForOtherRenewal(db, seen, now);
    if (theirs) return theirs;
  }
  const row = (await db.mailOAuthGrant.findUnique({ where: { id: seen.id } })) ?? seen;
  const subject = grantSubject(row.key);
  let tokens: Tokens;
  try {
    const reg = registration(row);
    tokens = row.flow === "client_credentials" ? await clientCredentialsTokens(reg) : await refreshTokens(reg, openStoredSecret(row.refreshToken!, "the saved refresh token"));
  } catch (error) {
    const failure = describeTokenFailure(error, row.provider, subject, row.flow);
    await db.mailOAuthGrant.update({
      where: { id: row.id },
      data: { lastError: failure.message.slice(0, 1000), lastErrorAt: now(), refreshLeaseUntil: null, ...(failure.kind === "reconnect" ? { needsReconnect: true, accessToken: null, accessTokenExpiresAt: null } : {}) },
    });
    throw failure;
  }
  await db.mailOAuthGrant.update({
    where: { id: row.id },
    data: {
      accessToken: sealSecret(tokens.accessToken),
      accessTokenExpiresAt: tokens.expiresAt,
      // Microsoft sends a new refresh token with each refresh; Google keeps the first.
      ...(tokens.refreshToken ? { refreshToken: sealSecret(tokens.refreshToken) } : {}),
      lastError: null,
      lastErrorAt: null,
      refreshLeaseUntil: null,
    },
  });
  return tokens.accessToken;
}

/** Another process holds the lease: its token, once it has stored one; null when it gave up or took too long. */
async function waitForOtherRenewal(db: Db, seen: GrantRow, now: () => Date): Promise<string | null> {
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const row = await db.mailOAuthGrant.findUnique({ where: { id: seen.id } });
    if (!row) break;
    if (row.needsReconnect) throw new OAuthTokenError("reconnect", row.lastError ?? reconnectMessage(row.provider, grantSubject(row.key)));
    const renewed = row.accessToken && row.accessToken !== seen.accessToken && tokenIsFresh(row.accessTokenExpiresAt, now());
    if (renewed) {
      try {
        return openStoredSecret(row.accessToken!, "the saved access token");
      } catch {
        return null;
      }
    }
    if (!row.refreshLeaseUntil || row.refreshLeaseUntil < now()) return null;
  }
  return null;
}
