"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { markNotificationsReadAction } from "@/lib/tickets/actions";

export function MarkReadButton({ id, label }: { id?: number; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(async () => { await markNotificationsReadAction({ id }); router.refresh(); })}
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      {pending ? "Saving…" : label}
    </button>
  );
}
