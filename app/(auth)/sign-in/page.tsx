import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { signInPageOptions } from "@/lib/auth/queries";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { getActor, getSessionState } from "@/lib/server/session";
import { safeCallbackUrl } from "@/lib/server/guards";
import { SignInForm } from "./sign-in-form";
import { SsoButtons } from "./sso-buttons";

export const metadata: Metadata = { title: "Staff sign-in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; password?: string }> }) {
  const params = await searchParams;
  const actor = await getActor();
  const callbackUrl = safeCallbackUrl(params.callbackUrl, actor?.isAdmin ? "/admin" : "/agent");
  if (actor) redirect(callbackUrl);
  if ((await getSessionState()).state === "second-factor") redirect(`/sign-in/two-factor?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const { providers, requireSso } = await signInPageOptions();
  // With single sign-on required the password form is only for the break-glass administrator, behind a link.
  const showPassword = !requireSso || params.password === "1";
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <span className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white" aria-hidden="true">HD</span>
          Help desk
        </Link>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">Staff sign-in</h1>
          <p className="mt-1 text-sm text-slate-600">For agents and administrators.</p>
          {!showPassword && signInMessage(params.error) ? <div className="mt-5"><Alert tone="error">{signInMessage(params.error)}</Alert></div> : null}
          {providers.length ? (
            <div className="mt-5">
              <SsoButtons providers={providers.map(({ id, label }) => ({ id, label }))} callbackUrl={callbackUrl} />
            </div>
          ) : null}
          {providers.length && showPassword ? (
            <div className="mt-5 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
              <span className="h-px flex-1 bg-slate-200" />or with your password<span className="h-px flex-1 bg-slate-200" />
            </div>
          ) : null}
          {showPassword ? <SignInForm callbackUrl={callbackUrl} initialError={params.error} /> : null}
          {requireSso && showPassword ? <p className="mt-3 text-xs text-slate-600">Passwords are off on this help desk; only the emergency administrator account can use one.</p> : null}
        </div>
        {!showPassword ? (
          <p className="mt-3 text-center text-xs text-slate-500">
            <Link href={`/sign-in?password=1&callbackUrl=${encodeURIComponent(callbackUrl)}`} className="underline">Emergency administrator sign-in</Link>
          </p>
        ) : null}
        <p className="mt-4 text-center text-sm text-slate-600">
          Need help instead? <Link href="/" className="font-medium text-brand-700 underline">Go to the support page</Link>
        </p>
      </div>
    </main>
  );
}
