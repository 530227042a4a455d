// Server-rendered parts shared by the admin pages: the page heading, the list search box, the
// pager, an empty list, and the table frame that turns into a stacked list at a phone's width.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

export function PageHeader({ title, description, action, back }: { title: string; description?: ReactNode; action?: { href: string; label: string }; back?: { href: string; label: string } }) {
  return (
    <div className="space-y-2">
      {back ? (
        <Link href={back.href} className="text-sm font-medium text-brand-700 hover:underline">← {back.label}</Link>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {action ? <Link href={action.href} className={buttonClass("primary")}>{action.label}</Link> : null}
      </div>
    </div>
  );
}

/** A plain GET form, so a search can be bookmarked; hidden fields keep the other filters. */
export function SearchBox({ path, q, label, hidden = {}, children }: { path: string; q?: string; label: string; hidden?: Record<string, string | undefined>; children?: ReactNode }) {
  return (
    <form method="get" action={path} role="search" aria-label={label} className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="min-w-48 flex-1">
        <label htmlFor="admin-q" className="block text-xs font-medium text-slate-600">{label}</label>
        <input id="admin-q" name="q" type="search" defaultValue={q ?? ""} className="mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-600" />
      </div>
      {children}
      <button type="submit" className={buttonClass("secondary", "py-1.5")}>Search</button>
    </form>
  );
}

export function listHref(path: string, params: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "" && !(k === "page" && v === 1)) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function Pager({ path, params, page, hasNext }: { path: string; params: Record<string, string | number | undefined>; page: number; hasNext: boolean }) {
  if (page === 1 && !hasNext) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm">
      {page > 1 ? <Link href={listHref(path, { ...params, page: page - 1 })} className={link}>Previous page</Link> : <span />}
      <span className="text-slate-600">Page {page}</span>
      {hasNext ? <Link href={listHref(path, { ...params, page: page + 1 })} className={link}>Next page</Link> : <span />}
    </nav>
  );
}

export function EmptyList({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">{children}</div>;
}

/** A table on wide screens; on a phone each row becomes a card (cells carry data-label). */
export function AdminTable({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="admin-table w-full text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {head.map((h) => <th key={h} scope="col" className="px-3 py-2">{h}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function StateTag({ tone, children }: { tone: "green" | "slate" | "amber" | "red"; children: ReactNode }) {
  const tones = { green: "bg-emerald-50 text-emerald-800", slate: "bg-slate-100 text-slate-700", amber: "bg-amber-50 text-amber-900", red: "bg-red-50 text-red-700" };
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

/** A record's facts as a labelled list: label on the left, value on the right (stacked on a phone). */
export function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-[9rem_1fr]">
      {facts.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
