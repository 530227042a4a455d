import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-parts";
import { ssoRedirectUri } from "@/lib/auth/sso-config";
import { signInSettings } from "@/lib/config/settings/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { SignInSettingsForm } from "./sign-in-settings-form";

export const metadata: Metadata = { title: "Sign-in" };

export default async function SignInSettingsPage() {
  const actor = await requireAdminPage();
  const { values, admins, providers, version } = await signInSettings(actor);
  const appUrl = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "";
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Sign-in" description="How staff sign in: single sign-on, accounts made at first sign-in, and two-factor authentication." />
      <section aria-labelledby="sso-providers" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="sso-providers" className="text-base font-semibold">Single sign-on providers</h2>
        {providers.length ? (
          <ul className="space-y-2 text-sm" data-testid="sso-providers">
            {providers.map((p) => (
              <li key={p.id}>
                <p className="font-medium text-slate-900">{p.label} <span className="font-normal text-slate-600">— issuer {p.issuer}</span></p>
                <p className="text-slate-600">Redirect URI to register: <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{ssoRedirectUri(appUrl, p.id)}</code></p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">None. Set <code className="text-xs">AUTH_ENTRA_ISSUER</code>, <code className="text-xs">AUTH_ENTRA_CLIENT_ID</code> and <code className="text-xs">AUTH_ENTRA_CLIENT_SECRET</code> (Microsoft Entra ID) or the <code className="text-xs">AUTH_OIDC_*</code> equivalents in the server&apos;s environment and restart it; the README explains the app registration.</p>
        )}
      </section>
      <SignInSettingsForm initial={values} admins={admins.map((a) => ({ value: a.id, label: a.label }))} ssoConfigured={providers.length > 0} version={version} />
    </div>
  );
}
