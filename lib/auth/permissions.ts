// Permission keys a role can grant in a department. Admins hold every permission everywhere.
export const PERMISSIONS = [
  "ticket.reply",
  "ticket.note",
  "ticket.priority",
  "ticket.assign",
  "ticket.transfer",
  "ticket.status",
  "ticket.close",
  "ticket.delete",
  "canned.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  "ticket.reply": "Reply to requesters",
  "ticket.note": "Add internal notes",
  "ticket.priority": "Change priority",
  "ticket.assign": "Assign and claim",
  "ticket.transfer": "Transfer to another department",
  "ticket.status": "Change status (resolve, reopen)",
  "ticket.close": "Close tickets",
  "ticket.delete": "Delete tickets",
  "canned.manage": "Manage canned responses",
};

export function parsePermissions(value: string): Set<Permission> {
  const known = new Set<string>(PERMISSIONS);
  return new Set(value.split(",").map((p) => p.trim()).filter((p): p is Permission => known.has(p)));
}

export function formatPermissions(perms: Iterable<Permission>): string {
  return [...new Set(perms)].sort().join(",");
}
