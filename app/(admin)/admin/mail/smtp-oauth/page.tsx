import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/admin/page-parts";
import { Alert } from "@/components/ui/alert";
import { oauthRedirectUri } from "@/lib/mail/admin/oauth-consent";
import { mailOAuthGrant, smtpOAuthFormVersion, smtpSignInSettings } from "@/lib/mail/admin/queries";
import { SMTP_GRANT_KEY } from "@/lib/mail/oauth/tokens";
import { requireAdminPage } from "@/lib/server/guards";
import { EMPTY_OAUTH } from "../oauth-fields";
import { ConsentOutcome, OAuthConnection } from "../oauth-connection";
import { SmtpOAuthForm } from "./smtp-oauth-form";

export const metadata: Metadata = { title: "SMTP sign-in" };

export default async function SmtpOAuthPage({ searchParams }: { searchParams: Promise<{ oauth?: string; reason?: string }> }) {
  const actor = await requireAdminPage();
  const [grant, smtp, version, query] = await Promise.all([mailOAuthGrant(actor, SMTP_GRANT_KEY), smtpSignInSettings(actor), smtpOAuthFormVersion(actor), searchParams]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="SMTP sign-in" back={{ href: "/admin/mail", label: "Mail settings" }} description="Outgoing mail through Microsoft 365 or Gmail with OAuth 2.0 (XOAUTH2), where SMTP passwords are switched off." />
      {grant ? <ConsentOutcome outcome={query.oauth} reason={query.reason} grant={grant} /> : null}
      {smtp.auth !== "oauth" ? (
        <Alert tone="info" title="Not in use yet">
          Outgoing mail signs in with a password now. To use this sign-in, choose OAuth 2.0 under SMTP server in the <Link href="/admin/mail" className="font-medium underline">mail settings</Link>, with the sending address as the user name{grant ? "" : ", and save the app below"}.
        </Alert>
      ) : !smtp.host ? (
        <Alert tone="warning" title="No SMTP server">Enter the SMTP server (smtp.office365.com, port 587, STARTTLS; or smtp.gmail.com, port 465, TLS) in the <Link href="/admin/mail" className="font-medium underline">mail settings</Link>.</Alert>
      ) : null}
      <OAuthConnection grant={grant} username={smtp.user} subject="outgoing mail" />
      <SmtpOAuthForm
        version={version}
        initial={grant ? { oauthProvider: grant.provider, oauthFlow: grant.flow, oauthTenant: grant.tenant, oauthClientId: grant.clientId, oauthClientSecret: "", oauthAuthorizeUrl: grant.authorizeUrl, oauthTokenUrl: grant.tokenUrl } : EMPTY_OAUTH}
        hasSecret={!!grant?.hasSecret}
        redirectUri={oauthRedirectUri()}
      />
    </div>
  );
}
