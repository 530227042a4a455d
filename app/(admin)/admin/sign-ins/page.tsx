import type { Metadata } from "next";
import Link from "next/link";
import { KeysetPager } from "@/components/admin/mail-parts";
import { AdminTable, EmptyList, listHref, PageHeader, SearchBox, StateTag } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import type { SignInOutcome } from "@/lib/auth/sign-in-log";
import { SIGN_IN_VIEWS, ZSignInLogParams } from "@/lib/config/audit/sign-in-log";
import { signInAttemptsPage } from "@/lib/config/audit/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Sign-in log" };

const OUTCOMES: Record<SignInOutcome, { label: string; tone: "green" | "slate" | "amber" | "red" }> = {
  success: { label: "Signed in", tone: "green" },
  "wrong-password": { label: "Wrong password", tone: "red" },
  "unknown-account": { label: "No such account", tone: "amber" },
  inactive: { label: "Account deactivated", tone: "slate" },
  "no-password": { label: "No password set yet", tone: "slate" },
  throttled: { label: "Held back (too many tries)", tone: "amber" },
};
const VIEW_LABELS: Record<(typeof SIGN_IN_VIEWS)[number], string> = { failed: "Failed", success: "Successful", all: "All" };

export default async function SignInLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZSignInLogParams.parse(await searchParams);
  const page = await signInAttemptsPage(actor, params);
  const filters = { show: params.show, q: params.q };
  return (
    <div className="space-y-5">
      <PageHeader
        title="Sign-in log"
        description="Staff sign-ins that failed: which email was tried, from which address, when and why. The same failure repeated within minutes is counted on one line. Passwords are never recorded."
      />
      <nav aria-label="Which sign-ins" className="flex flex-wrap gap-1 text-sm">
        {SIGN_IN_VIEWS.map((v) => (
          <Link key={v} href={listHref("/admin/sign-ins", { show: v === "failed" ? undefined : v, q: params.q })} aria-current={page.show === v ? "page" : undefined} className={`rounded-md px-2.5 py-1 ${page.show === v ? "bg-slate-200 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100"}`}>
            {VIEW_LABELS[v]}
          </Link>
        ))}
      </nav>
      <SearchBox path="/admin/sign-ins" q={params.q} label="Email or client address" hidden={{ show: params.show }} />
      {page.rows.length === 0 ? (
        <EmptyList>{params.q ? "Nothing recorded for this email or address." : page.show === "failed" ? "No failed sign-ins recorded." : "No sign-ins recorded yet."}</EmptyList>
      ) : (
        <AdminTable label="Sign-in attempts, newest first" head={["When", "Email tried", "From address", "Outcome", "Times"]}>
          {page.rows.map((r) => {
            const outcome = OUTCOMES[r.outcome as SignInOutcome] ?? { label: r.outcome, tone: "slate" as const };
            return (
              <tr key={r.id}>
                <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                  <LocalTime value={r.lastAt} />
                  {r.attempts > 1 ? <span className="block text-xs text-slate-500">first <LocalTime value={r.createdAt} /></span> : null}
                </td>
                <td data-label="Email tried" className="max-w-64 break-words px-3 py-2">
                  {r.staffId ? <Link href={`/admin/agents/${r.staffId}`} className="font-medium text-brand-700 hover:underline">{r.email}</Link> : <span className="text-slate-800">{r.email}</span>}
                </td>
                <td data-label="From address" className="px-3 py-2 font-mono text-xs text-slate-800 break-all">
                  {r.address ? <Link href={listHref("/admin/sign-ins", { show: params.show, q: r.address })} className="hover:underline">{r.address}</Link> : "unknown"}
                </td>
                <td data-label="Outcome" className="px-3 py-2"><StateTag tone={outcome.tone}>{outcome.label}</StateTag></td>
                <td data-label="Times" className="px-3 py-2 tabular-nums text-slate-700">{r.attempts}</td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      <KeysetPager path="/admin/sign-ins" params={filters} before={params.before} next={page.next} olderLabel="Older sign-ins" />
    </div>
  );
}
