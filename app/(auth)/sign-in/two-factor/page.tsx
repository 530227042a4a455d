import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { confirmSignInEnrolmentAction, startSignInEnrolmentAction, verifySignInCodeAction } from "@/lib/auth/actions";
import { safeCallbackUrl } from "@/lib/server/guards";
import { getSessionState } from "@/lib/server/session";
import { SecondFactorStep } from "./second-factor-step";

export const metadata: Metadata = { title: "Two-factor authentication", robots: { index: false } };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await getSessionState();
  if (session.state === "active") redirect(callbackUrl);
  if (session.state === "none") redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const enrol = session.need === "enrol";
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <Link href="/" className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <span className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white" aria-hidden="true">HD</span>
          Help desk
        </Link>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{enrol ? "Set up two-factor authentication" : "Two-factor authentication"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {enrol
              ? "This help desk requires a second step when you sign in with a password. Set it up once; then each sign-in asks for a code from your phone."
              : "Enter the code from your authenticator app. Lost your phone? Enter one of your recovery codes instead."}
          </p>
          <div className="mt-5">
            <SecondFactorStep mode={enrol ? "enrol" : "code"} callbackUrl={callbackUrl} verify={verifySignInCodeAction} start={startSignInEnrolmentAction} confirm={confirmSignInEnrolmentAction} />
          </div>
        </div>
        <div className="mt-4 flex justify-center">
          <SignOutButton label="Cancel and sign out" />
        </div>
      </div>
    </main>
  );
}
