import Link from "next/link";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-4xl items-center gap-2 px-4 sm:gap-4">
          <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold">
            <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white" aria-hidden="true">HD</span>
            Help desk
          </Link>
          <nav aria-label="Support" className="ml-auto flex items-center gap-0.5 whitespace-nowrap text-sm sm:gap-1">
            <Link href="/open" className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100 sm:px-2.5">Open a ticket</Link>
            <Link href="/status" className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100 sm:px-2.5">Check status</Link>
            <Link href="/sign-in" className="hidden rounded-md px-2.5 py-1.5 text-slate-500 hover:bg-slate-100 sm:block">Staff sign-in</Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-500">
        Powered by helpdesk · <Link href="/sign-in" className="underline hover:text-slate-700">Staff sign-in</Link>
      </footer>
    </div>
  );
}
