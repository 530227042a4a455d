"use client";
// The side navigation. Client-side only to know the current address: the best-matching link is
// marked as the current page (aria-current and a visible highlight).
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export type NavItem = { href: string; label: string; count?: number | string };
export type NavSection = { title: string; items: NavItem[] };

/** The link that best names where we are: the longest path that contains the current one, with all its query values matching. */
export function currentHref(hrefs: string[], pathname: string, search: URLSearchParams): string | null {
  let best: { href: string; score: number } | null = null;
  for (const href of hrefs) {
    const url = new URL(href, "http://x");
    const isRoot = url.pathname.split("/").filter(Boolean).length <= 1;
    const within = pathname === url.pathname || (!isRoot && pathname.startsWith(`${url.pathname}/`));
    if (!within || [...url.searchParams].some(([k, v]) => search.get(k) !== v)) continue;
    const score = url.pathname.length * 100 + [...url.searchParams].length;
    if (!best || score > best.score) best = { href, score };
  }
  return best?.href ?? null;
}

export function NavList({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const current = currentHref(sections.flatMap((s) => s.items.map((i) => i.href)), pathname, search);
  return (
    <>
      {sections.map((section) => (
        <div key={section.title} className="mb-5">
          <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{section.title}</p>
          <ul>
            {section.items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.href === current ? "page" : undefined}
                  className="flex items-center justify-between rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-800"
                >
                  <span>{item.label}</span>
                  {item.count !== undefined ? <span className="rounded-full bg-slate-200 px-2 text-xs font-medium text-slate-700">{item.count}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}
