import { NotificationBell } from "@/components/layout/notification-bell";
import { StaffShell, type NavSection } from "@/components/layout/staff-shell";
import { consoleBell } from "@/lib/config/dashboard/queries";
import { requireAdminPage } from "@/lib/server/guards";

const SECTIONS: NavSection[] = [
  { title: "Overview", items: [{ href: "/admin", label: "Console" }] },
  {
    title: "Help desk",
    items: [
      { href: "/admin/departments", label: "Departments" },
      { href: "/admin/help-topics", label: "Help topics" },
      { href: "/admin/priorities", label: "Priorities" },
      { href: "/admin/sla", label: "SLA plans" },
      { href: "/admin/canned", label: "Canned responses" },
    ],
  },
  {
    title: "People",
    items: [
      { href: "/admin/agents", label: "Agents" },
      { href: "/admin/teams", label: "Teams" },
      { href: "/admin/roles", label: "Roles" },
    ],
  },
  {
    title: "Mail",
    items: [
      { href: "/admin/mail", label: "Mail settings" },
      { href: "/admin/mail/mailboxes", label: "Mailboxes" },
      { href: "/admin/mail/templates", label: "Templates" },
      { href: "/admin/mail/outbox", label: "Outbox" },
      { href: "/admin/mail/inbound", label: "Inbound & quarantine" },
    ],
  },
  {
    title: "System",
    items: [
      { href: "/admin/settings", label: "Settings" },
      { href: "/admin/sign-in", label: "Sign-in" },
      { href: "/admin/api-keys", label: "API keys" },
      { href: "/admin/audit", label: "Audit log" },
      { href: "/admin/sign-ins", label: "Sign-in log" },
    ],
  },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdminPage();
  const bell = await consoleBell(actor);
  return (
    <StaffShell actor={actor} area="admin" sections={SECTIONS} topRight={<NotificationBell {...bell} />}>
      {children}
    </StaffShell>
  );
}
