import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { parsePermissions } from "@/lib/auth/permissions";
import { db } from "./db";

/**
 * The signed-in staff member, checked against the database on every request: a deactivated
 * account or a changed password (sessionVersion bumped) ends access at once, whatever the cookie says.
 */
export const getActor = cache(async (): Promise<StaffActor | null> => {
  const session = (await getServerSession(authOptions)) as { staffId?: number; sessionVersion?: number } | null;
  if (!session?.staffId) return null;
  const staff = await db.staff.findUnique({
    where: { id: session.staffId },
    include: { departments: { include: { role: true } }, teams: true },
  });
  if (!staff || !staff.active || staff.sessionVersion !== session.sessionVersion) return null;
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
});
