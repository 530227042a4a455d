import type { Metadata } from "next";
import Link from "next/link";
import { CheckStatusForm } from "./check-status-form";

export const metadata: Metadata = { title: "Check a ticket's status" };

export default function CheckStatusPage() {
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Check a ticket&apos;s status</h1>
        <p className="mt-2 text-slate-600">
          Your ticket has a private link where you can read replies and answer them. Lost it? Enter the email address you used and the ticket number, and we will email the link to you.
        </p>
      </div>
      <CheckStatusForm />
      <p className="text-sm text-slate-600">
        No ticket yet?{" "}
        <Link href="/open" className="font-medium text-brand-700 underline">
          Open a ticket
        </Link>
      </p>
    </div>
  );
}
