import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/session";
import { safeCallbackUrl } from "@/lib/server/guards";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Staff sign-in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const actor = await getActor();
  const callbackUrl = safeCallbackUrl(params.callbackUrl, actor?.isAdmin ? "/admin" : "/agent");
  if (actor) redirect(callbackUrl);
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
          <SignInForm callbackUrl={callbackUrl} initialError={params.error} />
        </div>
        <p className="mt-4 text-center text-sm text-slate-600">
          Need help instead? <Link href="/" className="font-medium text-brand-700 underline">Go to the support page</Link>
        </p>
      </div>
    </main>
  );
}
