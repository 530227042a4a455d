import "server-only";
// SLA plans: first-response and resolution targets. A plan in use by a department, a help topic or
// a ticket cannot be deleted (deactivate it instead: it stops being offered).
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput, type ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { slaTargets, ZCreateSlaPlan, ZUpdateSlaPlan, type CreateSlaPlanInput, type UpdateSlaPlanInput } from "./schemas";

const UNIQUE = { name: "An SLA plan with this name already exists." };

export function formatMinutes(total: number | null): string {
  if (total === null) return "—";
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  return [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ") || "0 min";
}

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const p = await tx.slaPlan.findUniqueOrThrow({ where: { id } });
  return { name: p.name, firstResponse: formatMinutes(p.firstResponseMinutes), resolution: formatMinutes(p.resolutionMinutes), businessHoursOnly: p.businessHoursOnly, active: p.active };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (lib/server/admin-write.ts). */
export async function slaPlanFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

async function assertNameFree(tx: Tx, name: string, id?: number) {
  if (await tx.slaPlan.findFirst({ where: { name, ...(id ? { NOT: { id } } : {}) } })) throw invalid({ name: UNIQUE.name });
}

type Parsed = ReturnType<typeof ZCreateSlaPlan.parse>;
const columns = (input: Parsed) => ({ name: input.name, ...slaTargets(input), businessHoursOnly: input.businessHoursOnly, active: input.active });

export async function createSlaPlan(db: Db, actor: StaffActor, raw: CreateSlaPlanInput) {
  const input = parseInput(ZCreateSlaPlan, raw);
  return adminWrite(db, actor, async (tx) => {
    await assertNameFree(tx, input.name);
    const plan = await tx.slaPlan.create({ data: columns(input) });
    await recordAudit(tx, actor, { entity: "sla-plan", entityId: plan.id, action: "create", after: await snapshot(tx, plan.id) });
    return { id: plan.id, name: plan.name };
  }, UNIQUE);
}

export async function updateSlaPlan(db: Db, actor: StaffActor, raw: UpdateSlaPlanInput) {
  const input = parseInput(ZUpdateSlaPlan, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.slaPlan.findUnique({ where: { id: input.id } }))) throw notFound("SLA plan");
    await assertNameFree(tx, input.name, input.id);
    await lockForEdit(tx, "SlaPlan", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This SLA plan", entity: "sla-plan", entityId: input.id });
    // Due dates of existing tickets stay as they were computed; the new targets apply to new tickets.
    await tx.slaPlan.update({ where: { id: input.id }, data: columns(input) });
    const after = await snapshot(tx, input.id);
    await recordAudit(tx, actor, { entity: "sla-plan", entityId: input.id, action: "update", before, after });
    return { id: input.id, name: input.name, version: editVersion(after) };
  }, UNIQUE);
}

export async function deleteSlaPlan(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const plan = await tx.slaPlan.findUnique({ where: { id } });
    if (!plan) throw notFound("SLA plan");
    const [departments, topics, tickets] = await Promise.all([
      tx.department.findMany({ where: { slaPlanId: id }, select: { name: true }, take: 6 }),
      tx.helpTopic.findMany({ where: { slaPlanId: id }, select: { name: true }, take: 6 }),
      tx.ticket.count({ where: { slaPlanId: id } }),
    ]);
    const names = (rows: { name: string }[]) => rows.slice(0, 5).map((r) => r.name).join(", ") + (rows.length > 5 ? "…" : "");
    const uses = [departments.length ? `departments ${names(departments)}` : null, topics.length ? `help topics ${names(topics)}` : null, tickets ? `${tickets.toLocaleString("en")} ${tickets === 1 ? "ticket" : "tickets"}` : null].filter(Boolean);
    if (uses.length) throw new AppError("CONFLICT", `${plan.name} is still used by ${uses.join(", ")}. Deactivate it instead, or move those to another plan first.`);
    const before = await snapshot(tx, id);
    await tx.slaPlan.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "sla-plan", entityId: id, action: "delete", before });
    return { id, name: plan.name };
  });
}

export async function listSlaPlans(db: Db, actor: StaffActor, params: ListParams) {
  assertAdmin(actor);
  const rows = await db.slaPlan.findMany({
    where: params.q ? { name: containsText(db, params.q) } : {},
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    include: { _count: { select: { departments: true, helpTopics: true, tickets: true } } },
  });
  return pageOf(rows, params.page);
}

/** The plan with how much uses it (departments, help topics, tickets), for the edit page; null when there is none. */
export async function slaPlanForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const plan = await db.slaPlan.findUnique({ where: { id }, include: { _count: { select: { departments: true, helpTopics: true, tickets: true } } } });
  return plan && { ...plan, version: await slaPlanFormVersion(db, id) };
}
