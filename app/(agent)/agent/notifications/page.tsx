import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { requireStaffPage } from "@/lib/server/guards";
import { notificationsFor } from "@/lib/tickets/queries";
import { MarkReadButton } from "./mark-read-button";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireStaffPage();
  const items = await notificationsFor(actor);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        {unread ? <MarkReadButton label="Mark all as read" /> : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">Nothing yet. You will hear here when a ticket is assigned or transferred to you, someone mentions you, or a requester replies.</p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 px-4 py-3 text-sm ${n.readAt ? "" : "bg-brand-50/60"}`}>
              <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-slate-300" : "bg-brand-600"}`} />
              <div className="min-w-0 flex-1">
                <p className={n.readAt ? "text-slate-700" : "font-medium text-slate-900"}>
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  {n.ticket ? <Link href={`/agent/tickets/${encodeURIComponent(n.ticket.number)}`} className="hover:underline">{n.message}</Link> : n.message}
                </p>
                <p className="text-xs text-slate-600"><LocalTime value={n.createdAt} relative /></p>
              </div>
              {n.readAt ? null : <MarkReadButton id={n.id} label="Mark read" />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
