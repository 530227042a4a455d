// How an OAuth 2.0 connection stands, in words: connected as whom and since when, not connected
// yet, or refused by the provider (with the reason and a Reconnect button); plus the outcome of the
// consent the admin just came back from (?oauth=…, whose reason is a short code, never free text).
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { OAuthGrantView } from "@/lib/mail/admin/oauth";
import { providerLabel } from "@/lib/mail/oauth/providers";
import { OAuthConnectButton } from "./oauth-connect-button";

const REASONS: Record<string, string> = {
  access_denied: "the sign-in was cancelled, or consent was refused",
  invalid_grant: "the sign-in code was already used or has expired",
  invalid_client: "the client ID or client secret was refused",
  unauthorized_client: "the app registration does not allow this sign-in",
  invalid_scope: "the app registration lacks the mail permissions",
  no_refresh_token: "no refresh token came back (offline access was not granted)",
  consent_required: "an administrator must consent to the app first",
  interaction_required: "the provider needs more from the account (for example multi-factor sign-in)",
};

/** `grant` is the connection now: a "connected" left in the address is not repeated once the grant failed since. */
export function ConsentOutcome({ outcome, reason, grant }: { outcome?: string; reason?: string; grant: OAuthGrantView }) {
  const label = providerLabel(grant.provider);
  if (outcome === "connected" && grant.connected && !grant.needsReconnect) return <Alert tone="success" title={`Connected to ${label}.`}>The help desk now signs in with the account shown below.</Alert>;
  if (outcome === "stale") return <Alert tone="warning" title="That sign-in did not belong to this page.">It was started elsewhere, by someone else, or too long ago. Nothing changed; use Connect to start again.</Alert>;
  if (outcome === "failed") {
    const code = reason && /^[a-z_]{1,40}$/.test(reason) ? reason : "invalid_response";
    return <Alert tone="error" title={`${label} did not connect.`}>{REASONS[code] ? `${REASONS[code][0].toUpperCase()}${REASONS[code].slice(1)}` : "The sign-in could not be completed"} ({code}). Nothing changed; check the app registration and try again.</Alert>;
  }
  return null;
}

export function OAuthConnection({ grant, username, subject }: { grant: OAuthGrantView | null; username: string; subject: "mailbox" | "outgoing mail" }) {
  if (!grant) return null;
  const label = providerLabel(grant.provider);
  const appOnly = grant.flow === "client_credentials";
  return (
    <Card>
      <h2 className="text-base font-semibold">Sign-in with {label}</h2>
      {appOnly ? (
        <p className="mt-1 text-sm text-slate-700">App-only access: the app signs in as itself and opens <strong>{username || "the account"}</strong>. Nothing to connect; Test connection checks it.</p>
      ) : grant.needsReconnect ? (
        <div className="mt-2 space-y-3">
          <Alert tone="error" title="Reconnect needed">{grant.lastError}</Alert>
          <OAuthConnectButton grantKey={grant.key} label="Reconnect" />
        </div>
      ) : grant.connected ? (
        <div className="mt-1 space-y-3 text-sm text-slate-700">
          <p>
            Connected as <strong>{grant.account ?? "an unnamed account"}</strong>
            {grant.connectedAt ? <> since <LocalTime value={grant.connectedAt} /></> : null}.
          </p>
          {grant.account && username && grant.account !== username.toLowerCase() ? (
            <Alert tone="info" title="Another account than the username">The {subject} signs in as {username}; that works only if {grant.account} has full access to it. Otherwise reconnect signed in as {username}.</Alert>
          ) : null}
          <OAuthConnectButton grantKey={grant.key} label="Reconnect" variant="secondary" />
        </div>
      ) : (
        <div className="mt-1 space-y-3 text-sm text-slate-700">
          <p>Not connected yet. Connect opens {label}&apos;s sign-in page: sign in as <strong>{username || "the account"}</strong> and accept; you come back here.</p>
          <OAuthConnectButton grantKey={grant.key} label={`Connect with ${label}`} />
        </div>
      )}
      {grant.lastError && !grant.needsReconnect ? <p className="mt-3 break-words text-sm text-red-700">Last token error: {grant.lastError}</p> : null}
    </Card>
  );
}
