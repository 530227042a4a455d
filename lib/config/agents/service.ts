import "server-only";
// Agents: invite, edit, department access with a role in each, admin flag, deactivation and
// password resets. Access ends at once where it must: deactivation and resets end every server-side
// session, which every request checks. The last active administrator can never be removed or deactivated.
import type { StaffActor } from "@/lib/auth/actor";
import { endAllSessions } from "@/lib/auth/sessions";
import { issueStaffToken } from "@/lib/auth/staff-tokens";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { isPostgres } from "@/lib/server/database-kind";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput } from "@/lib/config/shared/fields";
import { ZCreateAgent, ZSetAdmin, ZUpdateAgent, type CreateAgentInput, type SetAdminInput, type UpdateAgentInput } from "./schemas";

const UNIQUE = { email: "Another staff member already uses this email.", username: "This username is taken. Choose another." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const s = await tx.staff.findUniqueOrThrow({ where: { id }, include: { departments: { include: { department: { select: { name: true } }, role: { select: { name: true } } } } } });
  return {
    name: s.name,
    email: s.email,
    username: s.username,
    admin: s.kind === "ADMIN",
    active: s.active,
    access: s.departments.map((m) => `${m.department.name}: ${m.role.name}`).sort(),
  };
}

type AgentFields = ReturnType<typeof ZUpdateAgent.parse>;

/** What the agent form edits, as the version it saves against (department access in id order). */
export function agentVersion(s: { name: string; email: string; username: string; departments: { departmentId: number; roleId: number }[] }): string {
  const access = s.departments.map((d) => [d.departmentId, d.roleId]).sort((a, b) => a[0] - b[0]);
  return editVersion({ name: s.name, email: s.email, username: s.username, access });
}

const EDITED = { name: true, email: true, username: true, departments: { select: { departmentId: true, roleId: true } } } as const;


async function checkFields(tx: Tx, staffId: number | null, input: Omit<AgentFields, "id">) {
  const errors: Record<string, string> = {};
  const notSelf = staffId ? { NOT: { id: staffId } } : {};
  if (await tx.staff.findFirst({ where: { email: input.email, ...notSelf } })) errors.email = UNIQUE.email;
  if (await tx.staff.findFirst({ where: { username: input.username, ...notSelf } })) errors.username = UNIQUE.username;
  const departments = new Set((await tx.department.findMany({ where: { id: { in: input.access.map((a) => a.departmentId) }, archivedAt: null }, select: { id: true } })).map((d) => d.id));
  const roles = new Set((await tx.role.findMany({ where: { id: { in: input.access.map((a) => a.roleId) } }, select: { id: true } })).map((r) => r.id));
  input.access.forEach((row, i) => {
    if (!departments.has(row.departmentId)) errors[`access.${i}.departmentId`] = "That department does not exist or is archived.";
    if (!roles.has(row.roleId)) errors[`access.${i}.roleId`] = "That role no longer exists.";
  });
  if (Object.keys(errors).length) throw invalid(errors);
}

/** Replaces the agent's department access; refuses to drop a department the agent manages or is the default assignee of. */
async function replaceAccess(tx: Tx, staffId: number, access: { departmentId: number; roleId: number }[]) {
  const kept = access.map((a) => a.departmentId);
  const roles = await tx.department.findMany({
    where: { id: { notIn: kept }, OR: [{ managerId: staffId }, { defaultAssigneeId: staffId }] },
    select: { name: true, managerId: true },
  });
  if (roles.length) {
    const what = roles.map((d) => `${d.managerId === staffId ? "the manager" : "the default assignee"} of ${d.name}`).join(" and ");
    throw invalid({ access: `This agent is ${what}. Choose someone else there first, or keep that department.` });
  }
  await tx.staffDepartment.deleteMany({ where: { staffId, departmentId: { notIn: kept } } });
  for (const row of access) {
    await tx.staffDepartment.upsert({ where: { staffId_departmentId: { staffId, departmentId: row.departmentId } }, create: { staffId, ...row }, update: { roleId: row.roleId } });
  }
}

/**
 * PostgreSQL runs transactions at READ COMMITTED: two admins demoting each other at once could each
 * still count the other. Locking the admin rows first serialises them. SQLite already allows one
 * writer at a time.
 */
async function lockAdmins(tx: Tx) {
  if (isPostgres(tx)) {
    await tx.$queryRaw`SELECT "id" FROM "Staff" WHERE "kind" = 'ADMIN' AND "active" = true FOR UPDATE`;
  }
}

async function assertAnotherActiveAdmin(tx: Tx, staffId: number, doing: string) {
  await lockAdmins(tx);
  const others = await tx.staff.count({ where: { kind: "ADMIN", active: true, NOT: { id: staffId } } });
  if (others === 0) throw new AppError("CONFLICT", `This is the last active administrator, so you cannot ${doing}. Make another agent an administrator first.`);
}

async function load(tx: Tx, id: number) {
  const staff = await tx.staff.findUnique({ where: { id } });
  if (!staff) throw notFound("agent");
  return staff;
}

export async function inviteAgent(db: Db, actor: StaffActor, raw: CreateAgentInput): Promise<{ id: number; name: string; link: string }> {
  const input = parseInput(ZCreateAgent, raw);
  return adminWrite(db, actor, async (tx) => {
    await checkFields(tx, null, input);
    const staff = await tx.staff.create({ data: { name: input.name, email: input.email, username: input.username, kind: input.isAdmin ? "ADMIN" : "AGENT" } });
    await replaceAccess(tx, staff.id, input.access);
    const link = await issueStaffToken(tx, staff.id, "INVITE");
    await recordAudit(tx, actor, { entity: "agent", entityId: staff.id, action: "invite", after: await snapshot(tx, staff.id) });
    return { id: staff.id, name: staff.name, link };
  }, UNIQUE);
}

export async function updateAgent(db: Db, actor: StaffActor, raw: UpdateAgentInput) {
  const input = parseInput(ZUpdateAgent, raw);
  return adminWrite(db, actor, async (tx) => {
    await load(tx, input.id);
    await lockForEdit(tx, "Staff", input.id);
    await assertFreshForm(tx, input.version, agentVersion(await tx.staff.findUniqueOrThrow({ where: { id: input.id }, select: EDITED })), { what: "This agent", entity: "agent", entityId: input.id });
    const before = await snapshot(tx, input.id);
    await checkFields(tx, input.id, input);
    await tx.staff.update({ where: { id: input.id }, data: { name: input.name, email: input.email, username: input.username } });
    await replaceAccess(tx, input.id, input.access);
    await recordAudit(tx, actor, { entity: "agent", entityId: input.id, action: "update", before, after: await snapshot(tx, input.id) });
    return { id: input.id, version: agentVersion(await tx.staff.findUniqueOrThrow({ where: { id: input.id }, select: EDITED })) };
  }, UNIQUE);
}

export async function setAgentAdmin(db: Db, actor: StaffActor, raw: SetAdminInput) {
  const input = parseInput(ZSetAdmin, raw);
  return adminWrite(db, actor, async (tx) => {
    const staff = await load(tx, input.id);
    if ((staff.kind === "ADMIN") === input.isAdmin) throw new AppError("CONFLICT", input.isAdmin ? `${staff.name} is already an administrator.` : `${staff.name} is not an administrator.`);
    if (input.isAdmin && !staff.active) throw new AppError("CONFLICT", `Reactivate ${staff.name} first.`);
    if (!input.isAdmin) await assertAnotherActiveAdmin(tx, staff.id, "remove their administrator rights");
    const before = await snapshot(tx, staff.id);
    await tx.staff.update({ where: { id: staff.id }, data: { kind: input.isAdmin ? "ADMIN" : "AGENT" } });
    await recordAudit(tx, actor, { entity: "agent", entityId: staff.id, action: input.isAdmin ? "make-admin" : "remove-admin", before, after: await snapshot(tx, staff.id) });
    return { id: staff.id };
  });
}

export async function deactivateAgent(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const staff = await load(tx, id);
    if (staff.id === actor.id) throw new AppError("CONFLICT", "You cannot deactivate your own account. Ask another administrator.");
    if (!staff.active) throw new AppError("CONFLICT", `${staff.name} is already deactivated.`);
    if (staff.kind === "ADMIN") await assertAnotherActiveAdmin(tx, staff.id, "deactivate them");
    const before = await snapshot(tx, id);
    // Every session ends on the server at once; assigned tickets stay where they are.
    await tx.staff.update({ where: { id }, data: { active: false } });
    await endAllSessions(tx, id, "deactivated");
    await tx.staffToken.updateMany({ where: { staffId: id, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit(tx, actor, { entity: "agent", entityId: id, action: "deactivate", before, after: await snapshot(tx, id) });
    return { id };
  });
}

export async function reactivateAgent(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const staff = await load(tx, id);
    if (staff.active) throw new AppError("CONFLICT", `${staff.name} is already active.`);
    const before = await snapshot(tx, id);
    await tx.staff.update({ where: { id }, data: { active: true } });
    await recordAudit(tx, actor, { entity: "agent", entityId: id, action: "reactivate", before, after: await snapshot(tx, id) });
    return { id };
  });
}

/**
 * A new one-time link; the old password stops working and every session ends, because a reset is
 * often asked for when a password may be known to someone else.
 */
export async function resetAgentPassword(db: Db, actor: StaffActor, raw: ByIdInput): Promise<{ id: number; link: string }> {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const staff = await load(tx, id);
    if (!staff.active) throw new AppError("CONFLICT", `${staff.name} is deactivated. Reactivate the account first.`);
    await tx.staff.update({ where: { id }, data: { passwordHash: null } });
    await endAllSessions(tx, id, "password-reset");
    const link = await issueStaffToken(tx, id, "PASSWORD_RESET");
    await recordAudit(tx, actor, { entity: "agent", entityId: id, action: "reset-password", before: { password: staff.passwordHash ? "set" : "not set" }, after: { password: "cleared, one-time link issued" } });
    return { id, link };
  });
}
