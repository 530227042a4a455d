// Builds the StaffActor for a staff id from the database: their departments with the permissions
// of their role in each, and their teams. Null when the account is missing or inactive.
import type { Db } from "@/lib/server/prisma";
import type { StaffActor } from "./actor";
import { parsePermissions } from "./permissions";

export async function loadActor(db: Db, staffId: number, sessionVersion?: number): Promise<StaffActor | null> {
  const staff = await db.staff.findUnique({ where: { id: staffId }, include: { departments: { include: { role: true } }, teams: true } });
  if (!staff || !staff.active) return null;
  if (sessionVersion !== undefined && staff.sessionVersion !== sessionVersion) return null;
  return {
    kind: "staff",
    id: staff.id,
    name: staff.name,
    email: staff.email,
    username: staff.username,
    isAdmin: staff.kind === "ADMIN",
    departments: new Map(staff.departments.map((m) => [m.departmentId, parsePermissions(m.role.permissions)])),
    teamIds: staff.teams.map((t) => t.teamId),
  };
}
