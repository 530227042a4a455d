import { NotificationBell } from "@/components/layout/notification-bell";
import { StaffShell } from "@/components/layout/staff-shell";
import { db } from "@/lib/server/db";
import { requireStaffPage } from "@/lib/server/guards";
import { bellNotifications } from "@/lib/tickets/notifications-service";
import { agentNavigation } from "./navigation";

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaffPage();
  const [sections, bell] = await Promise.all([agentNavigation(actor), bellNotifications(db, actor)]);
  return (
    <StaffShell actor={actor} area="agent" sections={sections} topRight={<NotificationBell {...bell} />}>
      {children}
    </StaffShell>
  );
}
