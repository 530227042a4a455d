import "server-only";
// Canned responses: reply templates, for one department or for all. Who may manage which is
// decided in lib/auth/policy.ts (canManageCanned); every function here asks it, so a caller other
// than the action (a test, a script) is refused the same way. Reads take the database so tests can
// run them on both engines; pages reach them through queries.ts.
import type { StaffActor } from "@/lib/auth/actor";
import { cannedDepartments, canManageCanned } from "@/lib/auth/policy";
import { assertFreshForm, auditedWrite, parseInput, staleFormError } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput, type ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { forbidden, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { ZCreateCanned, ZUpdateCanned, type CreateCannedInput, type UpdateCannedInput } from "./schemas";

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const c = await tx.cannedResponse.findUniqueOrThrow({ where: { id }, include: { department: { select: { name: true } } } });
  return { title: c.title, body: c.body, department: c.department?.name ?? "All departments" };
}

function assertMay(actor: StaffActor, departmentId: number | null) {
  if (!canManageCanned(actor, departmentId)) {
    throw departmentId === null
      ? invalid({ departmentId: "Only administrators can write responses shared by all departments. Choose one of your departments." }, "You may only manage your departments' responses.")
      : forbidden("You may not manage canned responses of that department.");
  }
}

async function checkDepartment(tx: Tx, departmentId: number | null) {
  if (departmentId !== null && !(await tx.department.findUnique({ where: { id: departmentId } }))) throw invalid({ departmentId: "That department no longer exists." });
}

export async function createCannedResponse(db: Db, actor: StaffActor, raw: CreateCannedInput) {
  const input = parseInput(ZCreateCanned, raw);
  assertMay(actor, input.departmentId);
  return auditedWrite(db, async (tx) => {
    await checkDepartment(tx, input.departmentId);
    const row = await tx.cannedResponse.create({ data: { title: input.title, body: input.body, departmentId: input.departmentId, createdById: actor.id > 0 ? actor.id : null } });
    await recordAudit(tx, actor, { entity: "canned-response", entityId: row.id, action: "create", after: await snapshot(tx, row.id) });
    return { id: row.id, title: row.title };
  });
}

async function loadManaged(tx: Tx, actor: StaffActor, id: number) {
  const row = await tx.cannedResponse.findUnique({ where: { id } });
  // Outside the actor's departments it is simply not found.
  if (!row || !canManageCanned(actor, row.departmentId)) throw notFound("canned response");
  return row;
}

/** The version a form saves against: when the response was last saved. */
export const cannedVersion = (row: { updatedAt: Date }) => row.updatedAt.toISOString();

const EDITED = (id: number) => ({ what: "This response", entity: "canned-response", entityId: id });

/**
 * Admins and every agent with canned.manage in the department edit the same responses: a form
 * opened before someone else's save is refused rather than silently undoing it. The update is
 * conditional on the version read, so two saves at the same moment cannot both pass.
 */
export async function updateCannedResponse(db: Db, actor: StaffActor, raw: UpdateCannedInput) {
  const input = parseInput(ZUpdateCanned, raw);
  return auditedWrite(db, async (tx) => {
    const current = await loadManaged(tx, actor, input.id);
    await assertFreshForm(tx, input.version, cannedVersion(current), EDITED(input.id));
    assertMay(actor, input.departmentId);
    await checkDepartment(tx, input.departmentId);
    const before = await snapshot(tx, input.id);
    const saved = await tx.cannedResponse.updateMany({ where: { id: input.id, updatedAt: current.updatedAt }, data: { title: input.title, body: input.body, departmentId: input.departmentId } });
    if (saved.count !== 1) throw await staleFormError(tx, EDITED(input.id));
    const after = await tx.cannedResponse.findUniqueOrThrow({ where: { id: input.id }, select: { updatedAt: true } });
    await recordAudit(tx, actor, { entity: "canned-response", entityId: input.id, action: "update", before, after: await snapshot(tx, input.id) });
    return { id: input.id, title: input.title, version: cannedVersion(after) };
  });
}

export async function deleteCannedResponse(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return auditedWrite(db, async (tx) => {
    const row = await loadManaged(tx, actor, id);
    const before = await snapshot(tx, id);
    await tx.cannedResponse.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "canned-response", entityId: id, action: "delete", before });
    return { id, title: row.title };
  });
}

/**
 * For the agent composer: the responses usable on a ticket of this department (its own and the
 * shared ones), if the actor works in it. Expand a body with expandCanned before inserting it.
 */
export async function cannedResponsesFor(db: Db, actor: StaffActor, departmentId: number) {
  if (!actor.isAdmin && !actor.departments.has(departmentId)) return [];
  return db.cannedResponse.findMany({
    where: { OR: [{ departmentId }, { departmentId: null }] },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, body: true, departmentId: true },
    take: 500,
  });
}

export async function listCannedResponses(db: Db, actor: StaffActor, params: ListParams & { departmentId?: number }) {
  const managed = cannedDepartments(actor);
  if (managed !== null && managed.length === 0) throw forbidden();
  const rows = await db.cannedResponse.findMany({
    where: {
      // Both conditions hold: a department filter narrows the actor's scope, never replaces it.
      AND: [...(managed ? [{ departmentId: { in: managed } }] : []), ...(params.departmentId ? [{ departmentId: params.departmentId }] : [])],
      ...(params.q ? { OR: [{ title: containsText(db, params.q) }, { body: containsText(db, params.q) }] } : {}),
    },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    include: { department: { select: { name: true } }, createdBy: { select: { name: true } } },
  });
  return pageOf(rows, params.page);
}

export async function cannedForEdit(db: Db, actor: StaffActor, id: number) {
  const row = await db.cannedResponse.findUnique({ where: { id } });
  if (!row || !canManageCanned(actor, row.departmentId)) return null;
  return { ...row, version: cannedVersion(row) };
}

/**
 * Departments the form offers: every active one for an administrator, else those where the actor
 * holds canned.manage. `keepId` keeps the edited response's department listed after it is archived.
 */
export async function cannedDepartmentChoices(db: Db, actor: StaffActor, keepId: number | null = null) {
  const managed = cannedDepartments(actor);
  const rows = await db.department.findMany({
    where: { OR: [{ archivedAt: null }, { id: keepId ?? -1 }], ...(managed ? { id: { in: managed } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return rows.map((d) => ({ value: d.id, label: d.name }));
}
