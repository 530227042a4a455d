"use client";
// Opening a ticket reads the notifications about it. Done as an action after the page shows, not
// while rendering it, so a page view never writes and the bell refreshes with the new count.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { markTicketReadAction } from "@/lib/tickets/actions";

export function ReadOnOpen({ ticketId }: { ticketId: number }) {
  const router = useRouter();
  useEffect(() => {
    let live = true;
    void markTicketReadAction({ ticketId }).then((result) => {
      if (live && result.ok && result.data.count) router.refresh();
    });
    return () => {
      live = false;
    };
  }, [ticketId, router]);
  return null;
}
