import type { Metadata } from "next";
import Link from "next/link";
import { adminCounts, eventSubscriberStatus } from "@/lib/config/dashboard/queries";
import { requireAdminPage } from "@/lib/server/guards";
import { SubscribersCard } from "./subscribers-card";

export const metadata: Metadata = { title: "Admin console" };

export default async function AdminHome() {
  const actor = await requireAdminPage();
  const [{ departments, agents, topics, priorities, slaPlans, failedMail, quarantinedMail }, subscribers] = await Promise.all([adminCounts(actor), eventSubscriberStatus(actor)]);
  const stats = [
    { label: "Departments", value: departments },
    { label: "Active staff", value: agents },
    { label: "Help topics", value: topics },
    { label: "Priorities", value: priorities },
    { label: "SLA plans", value: slaPlans },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Admin console</h1>
        <p className="mt-1 text-sm text-slate-600">How this help desk is set up.</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{s.value}</dd>
          </div>
        ))}
      </dl>
      <MailCard failed={failedMail} quarantined={quarantinedMail} />
      <SubscribersCard subscribers={subscribers} />
    </div>
  );
}

/** Mail that needs an admin: calm (grey, "nothing to do") at zero, red with a link otherwise. */
function MailCard({ failed, quarantined }: { failed: number; quarantined: number }) {
  const item = (count: number, href: string, label: string, zero: string) => (
    <li className="flex flex-wrap items-baseline justify-between gap-2">
      <Link href={href} className="font-medium text-brand-700 hover:underline">{label}</Link>
      {count === 0 ? (
        <span className="text-slate-600">{zero}</span>
      ) : (
        <span className="inline-flex items-center gap-1.5 font-medium text-red-700">
          <span className="h-2 w-2 rounded-full bg-red-600" aria-hidden="true" />
          {count.toLocaleString("en")} need{count === 1 ? "s" : ""} attention
        </span>
      )}
    </li>
  );
  return (
    <section aria-labelledby="mail-card" className="max-w-xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="mail-card" className="text-base font-semibold">Mail</h2>
      <ul className="mt-2 space-y-1.5 text-sm">
        {item(failed, "/admin/mail/outbox?state=FAILED", "Failed outgoing mail", "None failed")}
        {item(quarantined, "/admin/mail/inbound?state=QUARANTINED", "Inbound mail in quarantine", "Quarantine empty")}
      </ul>
    </section>
  );
}
