import Link from "next/link";

function ActionCard({ href, title, children }: { href: string; title: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="group block rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-600 hover:bg-brand-50/40">
      <h2 className="flex items-center justify-between text-lg font-semibold">
        {title}
        <span aria-hidden="true" className="text-brand-600 transition-transform group-hover:translate-x-0.5">→</span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">{children}</p>
    </Link>
  );
}

export default function SupportHome() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">How can we help?</h1>
        <p className="mt-2 text-slate-600">Open a support request and follow it until it is solved. No account needed.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <ActionCard href="/open" title="Open a new ticket">
          Tell us what you need; you will get a private link to follow your request.
        </ActionCard>
        <ActionCard href="/status" title="Check a ticket's status">
          Use the private link from your confirmation to see replies and answer them. Lost it? We can email it to you.
        </ActionCard>
      </div>
    </div>
  );
}
