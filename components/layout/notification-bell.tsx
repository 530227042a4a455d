"use client";
// The bell opens the latest notifications in place, on every staff page: read one, or mark all
// read, without leaving the page. The full list stays at /agent/notifications.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { markNotificationsReadAction } from "@/lib/tickets/actions";
import type { BellData } from "@/lib/tickets/notifications-service";

export function NotificationBell({ unread, items }: BellData) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Following a link in the list, or any navigation, closes it.
  const [shownAt, setShownAt] = useState(pathname);
  if (shownAt !== pathname) {
    setShownAt(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="relative" ref={box}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={() => setOpen(!open)}
        className="relative rounded-md p-2 text-slate-700 hover:bg-slate-100"
        aria-label={unread ? `Notifications: ${unread} unread` : "Notifications: none unread"}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2"><path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 01-3.4 0" /></svg>
        {unread ? <span className="absolute -right-0.5 -top-0.5 grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white" data-testid="unread-count">{unread >= 100 ? "99+" : unread}</span> : null}
      </button>
      <div id={`${id}-list`} hidden={!open} className="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white shadow-lg">
        <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
          <h2 className="text-sm font-semibold">Notifications</h2>
          {unread ? (
            <button type="button" disabled={pending} onClick={() => start(async () => { await markNotificationsReadAction({}); router.refresh(); })} className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50">
              {pending ? "Saving…" : "Mark all read"}
            </button>
          ) : null}
        </div>
        {items.length ? (
          <ul aria-label="Latest notifications" className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {items.map((n) => (
              <li key={n.id} className={`px-3 py-2 text-sm ${n.read ? "" : "bg-brand-50/60"}`}>
                <p className={n.read ? "text-slate-700" : "font-medium text-slate-900"}>
                  {n.read ? null : <span className="sr-only">Unread: </span>}
                  {n.ticketNumber ? <Link href={`/agent/tickets/${encodeURIComponent(n.ticketNumber)}`} className="hover:underline">{n.message}</Link> : n.message}
                </p>
                <p className="text-xs text-slate-600"><LocalTime value={n.createdAt} relative /></p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-3 py-4 text-sm text-slate-600">Nothing yet.</p>
        )}
        <div className="border-t border-slate-100 px-3 py-2 text-right">
          <Link href="/agent/notifications" className="text-xs font-medium text-brand-700 hover:underline">See all notifications</Link>
        </div>
      </div>
    </div>
  );
}
