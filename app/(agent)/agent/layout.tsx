import { StaffShell } from "@/components/layout/staff-shell";
import { requireStaffPage } from "@/lib/server/guards";
import { agentNavigation } from "./navigation";

export default async function AgentLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaffPage();
  return (
    <StaffShell actor={actor} area="agent" sections={await agentNavigation(actor)}>
      {children}
    </StaffShell>
  );
}
