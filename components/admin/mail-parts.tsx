// Pieces shared by the outbox and inbound pages: a message state as colour AND words, the state
// filter with its counts, and the "newest / older" keyset pager.
import Link from "next/link";
import { listHref, StateTag } from "@/components/admin/page-parts";

type Tone = "green" | "slate" | "amber" | "red";

const STATES: Record<string, { label: string; tone: Tone }> = {
  PENDING: { label: "Pending", tone: "amber" },
  SENT: { label: "Sent", tone: "green" },
  FAILED: { label: "Failed", tone: "red" },
  QUARANTINED: { label: "Quarantined", tone: "red" },
  STORED: { label: "Filed", tone: "green" },
  BOUNCE: { label: "Bounce", tone: "amber" },
  DUPLICATE: { label: "Duplicate", tone: "slate" },
  IGNORED: { label: "Ignored", tone: "slate" },
};

export function MailStateTag({ state }: { state: string }) {
  const s = STATES[state] ?? { label: state, tone: "slate" as const };
  return <StateTag tone={s.tone}>{s.label}</StateTag>;
}

export function mailStateLabel(state: string): string {
  return STATES[state]?.label ?? state;
}

/** Links, not a form: each filter is a bookmarkable address, and the counts sit beside the words. */
export function StateFilter({ path, label, states, counts, current }: { path: string; label: string; states: readonly string[]; counts: Record<string, number>; current?: string }) {
  const item = (href: string, text: string, active: boolean, count?: number) => (
    <Link key={text} href={href} aria-current={active ? "page" : undefined} className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 ${active ? "bg-slate-200 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100"}`}>
      {text}
      {count !== undefined ? <span className="rounded-full bg-white px-1.5 text-xs tabular-nums text-slate-700 ring-1 ring-slate-200">{count.toLocaleString("en")}</span> : null}
    </Link>
  );
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 text-sm">
      {item(path, "All", !current)}
      {states.map((s) => item(listHref(path, { state: s }), mailStateLabel(s), current === s, counts[s]))}
    </nav>
  );
}

export function KeysetPager({ path, params, before, next, olderLabel }: { path: string; params: Record<string, string | undefined>; before?: number; next: number | null; olderLabel: string }) {
  if (!before && !next) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between text-sm">
      {before ? <Link href={listHref(path, params)} className={link}>Newest</Link> : <span />}
      {next ? <Link href={listHref(path, { ...params, before: next })} className={link}>{olderLabel}</Link> : null}
    </nav>
  );
}
