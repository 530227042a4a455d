import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { accountFor } from "@/lib/auth/queries";
import { SSO_ERRORS, type SsoError } from "@/lib/auth/sign-in-messages";
import { requireStaffPage } from "@/lib/server/guards";
import { getSessionState } from "@/lib/server/session";
import { ChangePasswordForm } from "./change-password-form";
import { LinkedAccounts } from "./linked-accounts";
import { Section } from "./section";
import { SessionList } from "./session-list";
import { TwoFactorPanel } from "./two-factor-panel";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ linked?: string; linkError?: string }> }) {
  const actor = await requireStaffPage();
  const session = await getSessionState();
  const params = await searchParams;
  const account = await accountFor(actor, session.state === "active" ? session.sessionId : "");
  const linkError = params.linkError && params.linkError in SSO_ERRORS ? SSO_ERRORS[params.linkError as SsoError] : null;
  const linkedNow = account.providers.find((p) => p.id === params.linked && p.linked);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          {account.name} · {account.email} · @{account.username} · {account.isAdmin ? "Administrator" : "Agent"}
        </p>
      </div>
      {linkError ? <Alert tone="error" title="The account was not linked.">{linkError}</Alert> : null}
      {linkedNow ? <Alert tone="success">Your {linkedNow.label} account is linked. You can sign in with it from now on.</Alert> : null}

      <Section title="Password">
        {account.passwordsOff ? (
          <p className="text-sm text-slate-700">Passwords are off on this help desk: you sign in with single sign-on.</p>
        ) : account.hasPassword ? (
          <ChangePasswordForm email={account.email} />
        ) : (
          <p className="text-sm text-slate-700">You have no password: you sign in with single sign-on. An administrator can send you a link to set one.</p>
        )}
      </Section>

      <Section title="Two-factor authentication" description="A code from an authenticator app on your phone, asked for after your password. Single sign-on leaves this to your identity provider.">
        <TwoFactorPanel status={account.twoFactor} hasPassword={account.hasPassword && !account.passwordsOff} />
      </Section>

      {account.providers.length ? (
        <Section title="Linked sign-in accounts" description="Sign in with your organisation's account instead of a password.">
          <LinkedAccounts providers={account.providers} />
        </Section>
      ) : null}

      <Section title="Where you are signed in" description="Each browser where you signed in. Sign out any you do not recognise, and change your password.">
        <SessionList sessions={account.sessions} />
      </Section>
    </div>
  );
}
