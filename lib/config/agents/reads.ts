import "server-only";
// Reads for the agent pages of the admin console.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { assertAdmin } from "@/lib/server/admin-write";
import type { ListParams } from "@/lib/config/shared/fields";
import { agentVersion } from "./service";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";

export async function listAgents(db: Db, actor: StaffActor, params: ListParams & { inactive?: boolean }) {
  assertAdmin(actor);
  const q = params.q;
  const rows = await db.staff.findMany({
    where: { active: !params.inactive, ...(q ? { OR: [{ name: containsText(db, q) }, { email: containsText(db, q.toLowerCase()) }, { username: containsText(db, q.toLowerCase()) }] } : {}) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    select: {
      id: true, name: true, email: true, username: true, kind: true, active: true, lastLoginAt: true, passwordHash: true,
      departments: { select: { department: { select: { name: true } }, role: { select: { name: true } } }, orderBy: { department: { name: "asc" } } },
    },
  });
  const page = pageOf(rows, params.page);
  // Never hand the hash to a page: only whether a password has been set.
  return { ...page, rows: page.rows.map(({ passwordHash, ...r }) => ({ ...r, invited: passwordHash === null })) };
}

export async function agentForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const staff = await db.staff.findUnique({
    where: { id },
    select: {
      id: true, name: true, email: true, username: true, kind: true, active: true, lastLoginAt: true, createdAt: true, passwordHash: true,
      departments: { select: { departmentId: true, roleId: true }, orderBy: { department: { name: "asc" } } },
      tokens: { where: { usedAt: null }, select: { expiresAt: true, purpose: true }, orderBy: { id: "desc" }, take: 1 },
    },
  });
  if (!staff) return null;
  const { passwordHash, ...rest } = staff;
  return { ...rest, hasPassword: passwordHash !== null, version: agentVersion(staff) };
}

/** Departments (not archived) and roles an agent can be given. */
export async function accessOptions(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const [departments, roles] = await Promise.all([
    db.department.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.role.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { departments, roles };
}
