import "server-only";
// Priorities. Tickets keep a copy of their priority's order (Ticket.priorityOrder) so "most urgent
// first" is one index range; changing the order rewrites that copy in the same transaction.
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { copyPriorityOrderToTickets } from "@/lib/tickets/mutate-reference";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput } from "@/lib/config/shared/fields";
import { ZCreatePriority, ZUpdatePriority, type CreatePriorityInput, type UpdatePriorityInput } from "./schemas";

const UNIQUE = { name: "A priority with this name already exists." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const p = await tx.priority.findUniqueOrThrow({ where: { id } });
  return { name: p.name, order: p.sortOrder, colour: p.color, default: p.isDefault };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (lib/server/admin-write.ts). */
export async function priorityFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

async function assertNameFree(tx: Tx, name: string, id?: number) {
  if (await tx.priority.findFirst({ where: { name, ...(id ? { NOT: { id } } : {}) } })) throw invalid({ name: UNIQUE.name });
}

/** Exactly one default: setting one clears the others. */
async function makeOnlyDefault(tx: Tx, id: number) {
  await tx.priority.updateMany({ where: { isDefault: true, NOT: { id } }, data: { isDefault: false } });
}

export async function createPriority(db: Db, actor: StaffActor, raw: CreatePriorityInput) {
  const input = parseInput(ZCreatePriority, raw);
  return adminWrite(db, actor, async (tx) => {
    await assertNameFree(tx, input.name);
    const isDefault = input.isDefault || (await tx.priority.count({ where: { isDefault: true } })) === 0;
    const priority = await tx.priority.create({ data: { name: input.name, sortOrder: input.sortOrder, color: input.color, isDefault } });
    if (isDefault) await makeOnlyDefault(tx, priority.id);
    await recordAudit(tx, actor, { entity: "priority", entityId: priority.id, action: "create", after: await snapshot(tx, priority.id) });
    return { id: priority.id, name: priority.name };
  }, UNIQUE);
}

export async function updatePriority(db: Db, actor: StaffActor, raw: UpdatePriorityInput) {
  const input = parseInput(ZUpdatePriority, raw);
  return adminWrite(db, actor, async (tx) => {
    const current = await tx.priority.findUnique({ where: { id: input.id } });
    if (!current) throw notFound("priority");
    await assertNameFree(tx, input.name, input.id);
    if (current.isDefault && !input.isDefault) throw invalid({ isDefault: "There must be a default priority. Make another priority the default instead." });
    await lockForEdit(tx, "Priority", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This priority", entity: "priority", entityId: input.id });
    await tx.priority.update({ where: { id: input.id }, data: { name: input.name, sortOrder: input.sortOrder, color: input.color, isDefault: input.isDefault } });
    if (input.isDefault) await makeOnlyDefault(tx, input.id);
    let ticketsReordered = 0;
    if (current.sortOrder !== input.sortOrder) {
      ticketsReordered = await copyPriorityOrderToTickets(tx, input.id, input.sortOrder);
    }
    const after = await snapshot(tx, input.id);
    await recordAudit(tx, actor, { entity: "priority", entityId: input.id, action: "update", before, after: { ...after, ...(ticketsReordered ? { ticketsReordered } : {}) } });
    return { id: input.id, name: input.name, ticketsReordered, version: editVersion(after) };
  }, UNIQUE);
}

export async function deletePriority(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const priority = await tx.priority.findUnique({ where: { id } });
    if (!priority) throw notFound("priority");
    if (priority.isDefault) throw new AppError("CONFLICT", `${priority.name} is the default priority. Make another priority the default first.`);
    const [tickets, topics] = await Promise.all([tx.ticket.count({ where: { priorityId: id } }), tx.helpTopic.findMany({ where: { priorityId: id }, select: { name: true }, take: 6 })]);
    const uses = [tickets ? `${tickets.toLocaleString("en")} ${tickets === 1 ? "ticket" : "tickets"}` : null, topics.length ? `help topics ${topics.slice(0, 5).map((t) => t.name).join(", ")}${topics.length > 5 ? "…" : ""}` : null].filter(Boolean);
    if (uses.length) throw new AppError("CONFLICT", `${priority.name} is still used by ${uses.join(" and ")}. Change those first.`);
    const before = await snapshot(tx, id);
    await tx.priority.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "priority", entityId: id, action: "delete", before });
    return { id, name: priority.name };
  });
}

/** Priorities are few; one page, most urgent first, with how many tickets and topics use each. */
export async function listPriorities(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  return db.priority.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], include: { _count: { select: { tickets: true, helpTopics: true } } }, take: 500 });
}

/** The priority with how much uses it (tickets, help topics), for the edit page; null when there is none. */
export async function priorityForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const priority = await db.priority.findUnique({ where: { id }, include: { _count: { select: { tickets: true, helpTopics: true } } } });
  return priority && { ...priority, version: await priorityFormVersion(db, id) };
}

/** The order a new priority gets by default: after the last one. */
export async function nextPriorityOrder(db: Db, actor: StaffActor): Promise<number> {
  assertAdmin(actor);
  const last = await db.priority.findFirst({ orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
  return (last?.sortOrder ?? 0) + 1;
}
