import Link from "next/link";
import type { ReactNode } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { FlashProvider } from "@/components/ui/flash";
import { NavList, type NavSection } from "./nav-list";
import { SignOutButton } from "./sign-out-button";
import { TicketFinder } from "./ticket-finder";

export type { NavItem, NavSection } from "./nav-list";

function initials(name: string) {
  return name.split(/\s+/).map((p) => p[0]).join("").slice(0, 2).toUpperCase();
}

/** The frame of the agent dashboard and the admin console: top bar, navigation, the signed-in person. */
export function StaffShell({ actor, area, sections, topRight, children }: { actor: StaffActor; area: "agent" | "admin"; sections: NavSection[]; topRight?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="flex h-14 items-center gap-3 px-4">
          <Link href={area === "admin" ? "/admin" : "/agent"} className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white" aria-hidden="true">HD</span>
            <span>Help desk</span>
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${area === "admin" ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-700"}`}>{area === "admin" ? "Admin" : "Agent"}</span>
          </Link>
          <nav aria-label="Areas" className="ml-4 hidden gap-1 text-sm sm:flex">
            <Link href="/agent" className={`rounded-md px-2.5 py-1.5 ${area === "agent" ? "bg-slate-100 font-medium" : "text-slate-600 hover:bg-slate-100"}`}>Dashboard</Link>
            {actor.isAdmin ? (
              <Link href="/admin" className={`rounded-md px-2.5 py-1.5 ${area === "admin" ? "bg-slate-100 font-medium" : "text-slate-600 hover:bg-slate-100"}`}>Admin</Link>
            ) : null}
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <TicketFinder id="ticket-finder" className="hidden w-44 sm:block lg:w-60" />
            {topRight}
            <Link href="/agent/account" className="flex items-center gap-2 rounded-md px-1 py-0.5 hover:bg-slate-100" data-testid="signed-in-person" aria-label={`Your account: ${actor.name}`}>
              <span className="grid h-8 w-8 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700" aria-hidden="true">{initials(actor.name)}</span>
              <span className="hidden text-sm md:block">
                <span className="block font-medium leading-tight">{actor.name}</span>
                <span className="block text-xs leading-tight text-slate-500">{actor.isAdmin ? "Administrator" : "Agent"}</span>
              </span>
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="flex">
        <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white px-2 py-4 lg:block" style={{ minHeight: "calc(100vh - 3.5rem)" }}>
          <nav aria-label={area === "admin" ? "Admin navigation" : "Queues"}>
            <NavList sections={sections} />
          </nav>
        </aside>
        <div className="min-w-0 flex-1">
          <details className="border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Menu</summary>
            <TicketFinder id="ticket-finder-compact" className="pt-2 sm:hidden" />
            <nav aria-label={area === "admin" ? "Admin navigation (compact)" : "Queues (compact)"} className="pt-2">
              <NavList sections={sections} />
              {actor.isAdmin && area === "agent" ? <Link href="/admin" className="block px-3 py-1.5 text-sm">Admin console</Link> : null}
              {area === "admin" ? <Link href="/agent" className="block px-3 py-1.5 text-sm">Agent dashboard</Link> : null}
            </nav>
          </details>
          <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
            <FlashProvider>{children}</FlashProvider>
          </main>
        </div>
      </div>
    </div>
  );
}
