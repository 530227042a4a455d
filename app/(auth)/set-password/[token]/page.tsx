import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { setPasswordTokenState } from "@/lib/auth/queries";
import { TOKEN_MESSAGES } from "@/lib/auth/staff-tokens";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", robots: { index: false } };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await setPasswordTokenState(token);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <span className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white" aria-hidden="true">HD</span>
          Help desk
        </Link>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{state.state === "valid" && state.purpose === "INVITE" ? "Welcome to the help desk" : "Set your password"}</h1>
          {state.state === "valid" ? (
            <>
              <p className="mt-1 text-sm text-slate-600">
                {state.name}, choose the password you will sign in with as <span className="font-medium text-slate-800">{state.email}</span>.
              </p>
              <SetPasswordForm token={token} email={state.email} />
            </>
          ) : (
            <div className="mt-4 space-y-4">
              <Alert tone="warning">{TOKEN_MESSAGES[state.state]}</Alert>
              <Link href="/sign-in" className="block text-center text-sm font-medium text-brand-700 underline">Go to sign-in</Link>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
