import "server-only";
// Roles: named sets of permissions. A role in use by any agent's department access cannot be
// deleted; the refusal says where it is used.
import type { StaffActor } from "@/lib/auth/actor";
import { formatPermissions, parsePermissions, PERMISSIONS } from "@/lib/auth/permissions";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, parseInput, staleFormError } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput, type ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { ZCreateRole, ZUpdateRole, type CreateRoleInput, type UpdateRoleInput } from "./schemas";

const UNIQUE = { name: "A role with this name already exists." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const role = await tx.role.findUniqueOrThrow({ where: { id } });
  // In PERMISSIONS order, so the audit diff compares like with like.
  const granted = parsePermissions(role.permissions);
  return { name: role.name, permissions: PERMISSIONS.filter((p) => granted.has(p)) };
}

/** What the role form edits, as the version it saves against. */
export function roleVersion(role: { name: string; permissions: string }): string {
  const granted = parsePermissions(role.permissions);
  return editVersion({ name: role.name, permissions: PERMISSIONS.filter((p) => granted.has(p)) });
}

async function assertNameFree(tx: Tx, name: string, id?: number) {
  if (await tx.role.findFirst({ where: { name, ...(id ? { NOT: { id } } : {}) } })) throw invalid({ name: UNIQUE.name });
}

export async function createRole(db: Db, actor: StaffActor, raw: CreateRoleInput) {
  const input = parseInput(ZCreateRole, raw);
  return adminWrite(db, actor, async (tx) => {
    await assertNameFree(tx, input.name);
    const role = await tx.role.create({ data: { name: input.name, permissions: formatPermissions(input.permissions) } });
    await recordAudit(tx, actor, { entity: "role", entityId: role.id, action: "create", after: await snapshot(tx, role.id) });
    return { id: role.id, name: role.name };
  }, UNIQUE);
}

export async function updateRole(db: Db, actor: StaffActor, raw: UpdateRoleInput) {
  const input = parseInput(ZUpdateRole, raw);
  return adminWrite(db, actor, async (tx) => {
    const current = await tx.role.findUnique({ where: { id: input.id } });
    if (!current) throw notFound("role");
    await assertFreshForm(tx, input.version, roleVersion(current), { what: "This role", entity: "role", entityId: input.id });
    await assertNameFree(tx, input.name, input.id);
    const before = await snapshot(tx, input.id);
    const data = { name: input.name, permissions: formatPermissions(input.permissions) };
    // Conditional on what was read: of two saves at the same moment, the second finds nothing to update.
    const saved = await tx.role.updateMany({ where: { id: input.id, name: current.name, permissions: current.permissions }, data });
    if (saved.count !== 1) throw await staleFormError(tx, { what: "This role", entity: "role", entityId: input.id });
    await recordAudit(tx, actor, { entity: "role", entityId: input.id, action: "update", before, after: await snapshot(tx, input.id) });
    return { id: input.id, name: input.name, version: roleVersion(data) };
  }, UNIQUE);
}

/** Where a role is used, in words: "3 agents in Billing, Support". */
export async function roleUsage(db: Db | Tx, roleId: number): Promise<{ count: number; text: string }> {
  const rows = await db.staffDepartment.findMany({ where: { roleId }, select: { staffId: true, department: { select: { name: true } } } });
  const agents = new Set(rows.map((r) => r.staffId)).size;
  const departments = [...new Set(rows.map((r) => r.department.name))].sort();
  const shown = departments.slice(0, 5).join(", ") + (departments.length > 5 ? ` and ${departments.length - 5} more` : "");
  return { count: rows.length, text: rows.length ? `${agents === 1 ? "1 agent" : `${agents} agents`} in ${shown}` : "" };
}

export async function deleteRole(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const role = await tx.role.findUnique({ where: { id } });
    if (!role) throw notFound("role");
    const usage = await roleUsage(tx, id);
    if (usage.count) throw new AppError("CONFLICT", `${role.name} is still given to ${usage.text}. Give them another role first (on each agent's page).`);
    const before = await snapshot(tx, id);
    await tx.role.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "role", entityId: id, action: "delete", before });
    return { id, name: role.name };
  });
}

export async function listRoles(db: Db, actor: StaffActor, params: ListParams) {
  assertAdmin(actor);
  const rows = await db.role.findMany({
    where: params.q ? { name: containsText(db, params.q) } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    include: { _count: { select: { memberships: true } } },
  });
  return pageOf(rows.map((r) => ({ ...r, permissions: parsePermissions(r.permissions) })), params.page);
}

export async function roleForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const role = await db.role.findUnique({ where: { id } });
  if (!role) return null;
  return { ...role, permissions: [...parsePermissions(role.permissions)], usage: await roleUsage(db, id), version: roleVersion(role) };
}
