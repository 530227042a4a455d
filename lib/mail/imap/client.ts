import "server-only";
// One place that turns an ImapMailbox row into an imapflow client, so the poller and "Test
// connection" connect exactly the same way.
import { ImapFlow } from "imapflow";

export type ImapAccount = { host: string; port: number; secure: boolean; username: string; password: string };

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
    auth: { user: account.username, pass: account.password },
    ...IMAP_TIMEOUTS,
    // The poller never idles: it connects, takes what is new and logs out.
    disableAutoIdle: true,
    logger: false,
  });
}

/** A short, readable reason for an IMAP failure, fit to show an admin (no stack, no password). */
export function describeImapError(error: unknown): string {
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
