// Records every help desk needs, demo or not: statuses, priorities and the built-in roles.
// Idempotent: existing rows (perhaps renamed or recoloured by an admin) are left alone.
import type { Db } from "@/lib/server/prisma";
import { formatPermissions, PERMISSIONS, type Permission } from "@/lib/auth/permissions";

export const STATUSES = [
  { name: "Open", kind: "OPEN", sortOrder: 1, color: "#2563eb" },
  { name: "Pending", kind: "PENDING", sortOrder: 2, color: "#d97706" },
  { name: "Resolved", kind: "RESOLVED", sortOrder: 3, color: "#059669" },
  { name: "Closed", kind: "CLOSED", sortOrder: 4, color: "#475569" },
] as const;

export const PRIORITIES = [
  { name: "Sev A — critical", sortOrder: 1, color: "#dc2626", isDefault: false },
  { name: "Sev B — high", sortOrder: 2, color: "#ea580c", isDefault: false },
  { name: "Sev C — normal", sortOrder: 3, color: "#0d9488", isDefault: true },
  { name: "Low", sortOrder: 4, color: "#94a3b8", isDefault: false },
] as const;

const ROLES: { name: string; permissions: readonly Permission[] }[] = [
  { name: "All access", permissions: PERMISSIONS },
  { name: "Expanded access", permissions: ["ticket.reply", "ticket.note", "ticket.priority", "ticket.assign", "ticket.transfer", "ticket.status", "ticket.close", "canned.manage"] },
  { name: "Limited access", permissions: ["ticket.reply", "ticket.note", "ticket.status"] },
  { name: "View only", permissions: ["ticket.note"] },
];

export async function ensureReferenceData(db: Db): Promise<void> {
  if ((await db.ticketStatus.count()) === 0) await db.ticketStatus.createMany({ data: STATUSES.map((s) => ({ ...s })) });
  if ((await db.priority.count()) === 0) await db.priority.createMany({ data: PRIORITIES.map((p) => ({ ...p })) });
  for (const role of ROLES) {
    await db.role.upsert({ where: { name: role.name }, create: { name: role.name, permissions: formatPermissions(role.permissions) }, update: {} });
  }
}
