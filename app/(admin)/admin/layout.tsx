import { StaffShell, type NavSection } from "@/components/layout/staff-shell";
import { requireAdminPage } from "@/lib/server/guards";

const SECTIONS: NavSection[] = [
  { title: "Overview", items: [{ href: "/admin", label: "Console" }] },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdminPage();
  return (
    <StaffShell actor={actor} area="admin" sections={SECTIONS}>
      {children}
    </StaffShell>
  );
}
