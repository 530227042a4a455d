import "server-only";
// Departments: create, edit, archive (only when no open tickets remain), unarchive.
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput, type ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { ZCreateDepartment, ZUpdateDepartment, type CreateDepartmentInput, type UpdateDepartmentInput } from "./schemas";

const UNIQUE = { name: "A department with this name already exists. Choose another name." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const d = await tx.department.findUniqueOrThrow({
    where: { id },
    include: { manager: { select: { name: true } }, slaPlan: { select: { name: true } }, defaultAssignee: { select: { name: true } }, defaultTeam: { select: { name: true } } },
  });
  return {
    name: d.name,
    description: d.description,
    public: d.isPublic,
    archived: d.archivedAt !== null,
    manager: d.manager?.name ?? null,
    slaPlan: d.slaPlan?.name ?? null,
    defaultAssignee: d.defaultAssignee?.name ?? null,
    defaultTeam: d.defaultTeam?.name ?? null,
  };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (lib/server/admin-write.ts). */
export async function departmentFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

type Fields = ReturnType<typeof ZCreateDepartment.parse>;

/** Checks the references of the form and turns them into columns. */
async function columns(tx: Tx, departmentId: number | null, input: Fields) {
  const isMember = async (staffId: number) =>
    departmentId !== null && (await tx.staffDepartment.findFirst({ where: { departmentId, staffId, staff: { active: true } } })) !== null;
  const errors: Record<string, string> = {};
  if (await tx.department.findFirst({ where: { name: input.name, ...(departmentId ? { NOT: { id: departmentId } } : {}) } })) errors.name = UNIQUE.name;
  if (input.managerId !== null && !(await isMember(input.managerId))) {
    errors.managerId = departmentId === null ? "Add agents to the department first; the manager must be one of its members." : "The manager must be an active member of this department.";
  }
  if (input.slaPlanId !== null && !(await tx.slaPlan.findUnique({ where: { id: input.slaPlanId } }))) errors.slaPlanId = "That SLA plan no longer exists.";
  let defaultAssigneeId: number | null = null;
  let defaultTeamId: number | null = null;
  if (input.defaultAssignee.startsWith("staff:")) {
    defaultAssigneeId = Number(input.defaultAssignee.slice(6));
    if (!(await isMember(defaultAssigneeId))) errors.defaultAssignee = "The default assignee must be an active member of this department.";
  } else if (input.defaultAssignee.startsWith("team:")) {
    defaultTeamId = Number(input.defaultAssignee.slice(5));
    if (!(await tx.team.findFirst({ where: { id: defaultTeamId, active: true } }))) errors.defaultAssignee = "That team does not exist or is not active.";
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return { name: input.name, description: input.description, isPublic: input.isPublic, managerId: input.managerId, slaPlanId: input.slaPlanId, defaultAssigneeId, defaultTeamId };
}

export async function createDepartment(db: Db, actor: StaffActor, raw: CreateDepartmentInput) {
  const input = parseInput(ZCreateDepartment, raw);
  return adminWrite(db, actor, async (tx) => {
    const department = await tx.department.create({ data: await columns(tx, null, input) });
    await recordAudit(tx, actor, { entity: "department", entityId: department.id, action: "create", after: await snapshot(tx, department.id) });
    return { id: department.id, name: department.name };
  }, UNIQUE);
}

export async function updateDepartment(db: Db, actor: StaffActor, raw: UpdateDepartmentInput) {
  const input = parseInput(ZUpdateDepartment, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.department.findUnique({ where: { id: input.id } }))) throw notFound("department");
    await lockForEdit(tx, "Department", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This department", entity: "department", entityId: input.id });
    await tx.department.update({ where: { id: input.id }, data: await columns(tx, input.id, input) });
    const after = await snapshot(tx, input.id);
    await recordAudit(tx, actor, { entity: "department", entityId: input.id, action: "update", before, after });
    return { id: input.id, name: input.name, version: editVersion(after) };
  }, UNIQUE);
}

export async function archiveDepartment(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const department = await tx.department.findUnique({ where: { id } });
    if (!department) throw notFound("department");
    if (department.archivedAt) throw new AppError("CONFLICT", `${department.name} is already archived.`);
    const open = await tx.ticket.count({ where: { departmentId: id, isOpen: true } });
    if (open > 0) {
      const tickets = open === 1 ? "1 open ticket" : `${open.toLocaleString("en")} open tickets`;
      throw new AppError("CONFLICT", `${department.name} still has ${tickets}. Transfer ${open === 1 ? "it" : "them"} to another department or close ${open === 1 ? "it" : "them"}, then archive.`);
    }
    const before = await snapshot(tx, id);
    await tx.department.update({ where: { id }, data: { archivedAt: new Date() } });
    await recordAudit(tx, actor, { entity: "department", entityId: id, action: "archive", before, after: await snapshot(tx, id) });
    return { id, name: department.name };
  });
}

export async function unarchiveDepartment(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const department = await tx.department.findUnique({ where: { id } });
    if (!department) throw notFound("department");
    if (!department.archivedAt) throw new AppError("CONFLICT", `${department.name} is not archived.`);
    const before = await snapshot(tx, id);
    await tx.department.update({ where: { id }, data: { archivedAt: null } });
    await recordAudit(tx, actor, { entity: "department", entityId: id, action: "unarchive", before, after: await snapshot(tx, id) });
    return { id, name: department.name };
  });
}

// ── Reads for the admin pages ───────────────────────────────────────────────
export async function listDepartments(db: Db, actor: StaffActor, params: ListParams & { archived?: boolean }) {
  assertAdmin(actor);
  const rows = await db.department.findMany({
    where: { ...(params.q ? { name: containsText(db, params.q) } : {}), archivedAt: params.archived ? { not: null } : null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    include: {
      manager: { select: { name: true } },
      slaPlan: { select: { name: true } },
      _count: { select: { members: true, helpTopics: true, tickets: { where: { isOpen: true } } } },
    },
  });
  return pageOf(rows, params.page);
}

export async function departmentForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const department = await db.department.findUnique({
    where: { id },
    include: {
      members: { where: { staff: { active: true } }, include: { staff: { select: { id: true, name: true } }, role: { select: { name: true } } }, orderBy: { staff: { name: "asc" } } },
      _count: { select: { tickets: { where: { isOpen: true } } } },
    },
  });
  return department && { ...department, version: await departmentFormVersion(db, id) };
}

/** Choices offered by the department form. */
export async function departmentFormOptions(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const [slaPlans, teams] = await Promise.all([
    db.slaPlan.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, active: true } }),
    db.team.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { slaPlans, teams };
}
