import Link from "next/link";
import { StaffShell } from "@/components/layout/staff-shell";
import { db } from "@/lib/server/db";
import { requireStaffPage } from "@/lib/server/guards";
import { unreadCount } from "@/lib/tickets/notifications-service";
import { agentNavigation } from "./navigation";

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaffPage();
  const [sections, unread] = await Promise.all([agentNavigation(actor), unreadCount(db, actor)]);
  const bell = (
    <Link href="/agent/notifications" className="relative rounded-md p-2 text-slate-700 hover:bg-slate-100" aria-label={unread ? `Notifications: ${unread} unread` : "Notifications: none unread"}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2"><path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 01-3.4 0" /></svg>
      {unread ? <span className="absolute -right-0.5 -top-0.5 grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white" data-testid="unread-count">{unread >= 100 ? "99+" : unread}</span> : null}
    </Link>
  );
  return (
    <StaffShell actor={actor} area="agent" sections={sections} topRight={bell}>
      {children}
    </StaffShell>
  );
}
