import "server-only";
// One place that turns an ImapMailbox row into a signed-in imapflow client, so the poller and "Test
// connection" connect exactly the same way: LOGIN with the password, or XOAUTH2 with the mailbox's
// OAuth access token (Microsoft 365, Gmail), renewed once more when the server refuses it.
import { ImapFlow } from "imapflow";
import { OAuthTokenError } from "@/lib/mail/oauth/errors";
import { providerLabel } from "@/lib/mail/oauth/providers";
import { accessTokenFor, mailboxGrantKey } from "@/lib/mail/oauth/tokens";
import type { Db } from "@/lib/server/prisma";
import { openStoredSecret, StoredSecretError } from "@/lib/server/sealed-fields";

export type ImapServer = { host: string; port: number; secure: boolean; username: string };
export type ImapAccount = ImapServer & ({ password: string; accessToken?: undefined } | { accessToken: string; password?: undefined });
/** The columns of an ImapMailbox row that say how to sign in. */
export type ImapMailboxAccount = ImapServer & { id: number; password: string; authMethod: string };

/**
 * Timeouts are short on purpose: a poll runs in the server process, and a host that accepts the TCP
 * connection but never greets must not hold that mailbox's poll for minutes (imapflow's defaults).
 */
export const IMAP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 120_000 };

export function imapClient(account: ImapAccount): ImapFlow {
  return new ImapFlow({
    host: account.host,
    port: account.port,
    // secure: TLS from the first byte (993). Otherwise imapflow upgrades with STARTTLS whenever the
    // server offers it; certificates are verified either way (Node's defaults).
    secure: account.secure,
    // imapflow sends an access token with AUTHENTICATE XOAUTH2 (or OAUTHBEARER when offered).
    auth: account.accessToken !== undefined ? { user: account.username, accessToken: account.accessToken } : { user: account.username, pass: account.password },
    ...IMAP_TIMEOUTS,
    // The poller never idles: it connects, takes what is new and logs out.
    disableAutoIdle: true,
    logger: false,
  });
}

function isAuthFailure(error: unknown): boolean {
  return !!(error as { authenticationFailed?: boolean })?.authenticationFailed;
}

async function signIn(account: ImapAccount): Promise<ImapFlow> {
  const client = imapClient(account);
  // imapflow reports a dropped connection as an 'error' event too; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}

/**
 * A client signed in to the mailbox. With OAuth, a token the server refuses is renewed once and
 * tried again (it may have been revoked early, or the clock is off); a fresh token that is still
 * refused is a mailbox problem, not a grant problem, and is told as such.
 */
export async function connectImap(db: Db, mailbox: ImapMailboxAccount): Promise<ImapFlow> {
  const server = { host: mailbox.host, port: mailbox.port, secure: mailbox.secure, username: mailbox.username };
  // The stored password is sealed; one no key opens is this mailbox's error (StoredSecretError).
  if (mailbox.authMethod !== "oauth") return signIn({ ...server, password: openStoredSecret(mailbox.password) });
  const key = mailboxGrantKey(mailbox.id);
  try {
    return await signIn({ ...server, accessToken: await accessTokenFor(db, key) });
  } catch (error) {
    if (!isAuthFailure(error)) throw error;
  }
  try {
    return await signIn({ ...server, accessToken: await accessTokenFor(db, key, { forceRefresh: true }) });
  } catch (error) {
    if (!isAuthFailure(error)) throw error;
    const grant = await db.mailOAuthGrant.findUnique({ where: { key }, select: { provider: true, flow: true } });
    const label = providerLabel(grant?.provider ?? "");
    throw new OAuthTokenError(
      "config",
      grant?.flow === "client_credentials"
        ? `${label} issued a token, but the IMAP server refused it for ${mailbox.username}. Check that the app's service principal has FullAccess to this mailbox (Add-MailboxPermission) and that the username is the mailbox address.`
        : `${label} issued a token, but the IMAP server refused it for ${mailbox.username}. Check that the username is the connected account (or a mailbox it has full access to) and that IMAP is enabled for the mailbox.`,
    );
  }
}

/** A short, readable reason for an IMAP failure, fit to show an admin (no stack, no password, no token). */
export function describeImapError(error: unknown): string {
  if (error instanceof OAuthTokenError || error instanceof StoredSecretError) return error.message;
  const e = error as { message?: string; code?: string; authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string };
  if (e?.authenticationFailed) return `Sign-in refused by the server${e.responseText ? ` (${e.responseText.replace(/\.+$/, "")})` : ""}. Check the username and password.`;
  switch (e?.code) {
    case "ECONNREFUSED":
      return "Connection refused: nothing is listening on that host and port.";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The host name could not be resolved.";
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
    case "GREETING_TIMEOUT":
    case "UPGRADE_TIMEOUT":
    case "ETIMEOUT":
      return "The server did not answer in time.";
    case "NoConnection":
    case "ClosedAfterConnectText":
    case "ClosedAfterConnectTLS":
      return `The server closed the connection${e.responseText ? `: ${e.responseText}` : ""}. Check the port and the TLS setting.`;
  }
  if (e?.code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number/i.test(e?.message ?? "")) return "TLS failed: the server does not speak TLS on this port. Turn off \"TLS from the start\" (STARTTLS) or use port 993.";
  const text = e?.responseText || e?.message || String(error);
  return text.slice(0, 500);
}
