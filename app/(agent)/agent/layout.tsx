import { NotificationBell } from "@/components/layout/notification-bell";
import { StaffShell } from "@/components/layout/staff-shell";
import { requireStaffPage } from "@/lib/server/guards";
import { bellFor } from "@/lib/tickets/queries";
import { agentNavigation } from "./navigation";

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaffPage();
  const [sections, bell] = await Promise.all([agentNavigation(actor), bellFor(actor)]);
  return (
    <StaffShell actor={actor} area="agent" sections={sections} topRight={<NotificationBell {...bell} />}>
      {children}
    </StaffShell>
  );
}
