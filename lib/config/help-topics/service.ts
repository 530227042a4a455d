import "server-only";
// Help topics: what a requester picks on the public form; each routes to a department with an
// optional priority and SLA plan. Topics nest; a topic can never end up inside its own subtree.
import type { StaffActor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import type { ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { ZCreateHelpTopic, ZUpdateHelpTopic, type CreateHelpTopicInput, type UpdateHelpTopicInput } from "./schemas";

const UNIQUE = { name: "A help topic with this name already exists." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const t = await tx.helpTopic.findUniqueOrThrow({
    where: { id },
    include: { parent: { select: { name: true } }, department: { select: { name: true } }, priority: { select: { name: true } }, slaPlan: { select: { name: true } } },
  });
  return { name: t.name, parent: t.parent?.name ?? null, department: t.department.name, priority: t.priority?.name ?? null, slaPlan: t.slaPlan?.name ?? null, active: t.active, public: t.isPublic, sortOrder: t.sortOrder };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (lib/server/admin-write.ts). */
export async function helpTopicFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

/** True when `parentId` is `topicId` or one of its descendants. */
export async function wouldCycle(tx: Db | Tx, topicId: number, parentId: number): Promise<boolean> {
  const seen = new Set<number>();
  for (let current: number | null = parentId; current !== null; ) {
    if (current === topicId) return true;
    if (seen.has(current)) return true; // an existing loop: refuse rather than spin
    seen.add(current);
    const row: { parentId: number | null } | null = await tx.helpTopic.findUnique({ where: { id: current }, select: { parentId: true } });
    current = row?.parentId ?? null;
  }
  return false;
}

type Fields = ReturnType<typeof ZCreateHelpTopic.parse>;

async function checkFields(tx: Tx, topicId: number | null, input: Fields) {
  const errors: Record<string, string> = {};
  if (await tx.helpTopic.findFirst({ where: { name: input.name, ...(topicId ? { NOT: { id: topicId } } : {}) } })) errors.name = UNIQUE.name;
  if (input.parentId !== null) {
    if (!(await tx.helpTopic.findUnique({ where: { id: input.parentId } }))) errors.parentId = "That parent topic no longer exists.";
    else if (topicId !== null && (await wouldCycle(tx, topicId, input.parentId))) errors.parentId = "A topic cannot be placed under itself or under one of its own subtopics.";
  }
  if (!(await tx.department.findFirst({ where: { id: input.departmentId } }))) errors.departmentId = "That department no longer exists.";
  if (input.priorityId !== null && !(await tx.priority.findUnique({ where: { id: input.priorityId } }))) errors.priorityId = "That priority no longer exists.";
  if (input.slaPlanId !== null && !(await tx.slaPlan.findUnique({ where: { id: input.slaPlanId } }))) errors.slaPlanId = "That SLA plan no longer exists.";
  if (Object.keys(errors).length) throw invalid(errors);
  return { name: input.name, parentId: input.parentId, departmentId: input.departmentId, priorityId: input.priorityId, slaPlanId: input.slaPlanId, active: input.active, isPublic: input.isPublic, sortOrder: input.sortOrder };
}

export async function createHelpTopic(db: Db, actor: StaffActor, raw: CreateHelpTopicInput) {
  const input = parseInput(ZCreateHelpTopic, raw);
  return adminWrite(db, actor, async (tx) => {
    const topic = await tx.helpTopic.create({ data: await checkFields(tx, null, input) });
    await recordAudit(tx, actor, { entity: "help-topic", entityId: topic.id, action: "create", after: await snapshot(tx, topic.id) });
    return { id: topic.id, name: topic.name };
  }, UNIQUE);
}

export async function updateHelpTopic(db: Db, actor: StaffActor, raw: UpdateHelpTopicInput) {
  const input = parseInput(ZUpdateHelpTopic, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.helpTopic.findUnique({ where: { id: input.id } }))) throw notFound("help topic");
    await lockForEdit(tx, "HelpTopic", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This help topic", entity: "help-topic", entityId: input.id });
    await tx.helpTopic.update({ where: { id: input.id }, data: await checkFields(tx, input.id, input) });
    const after = await snapshot(tx, input.id);
    await recordAudit(tx, actor, { entity: "help-topic", entityId: input.id, action: "update", before, after });
    return { id: input.id, name: input.name, version: editVersion(after) };
  }, UNIQUE);
}

/** "Parent › Child" for every topic, from one read of the (small) topic table. */
async function topicPaths(db: Db): Promise<Map<number, string>> {
  const all = await db.helpTopic.findMany({ select: { id: true, name: true, parentId: true } });
  const byId = new Map(all.map((t) => [t.id, t]));
  const paths = new Map<number, string>();
  for (const t of all) {
    const names: string[] = [];
    const seen = new Set<number>();
    for (let c: typeof t | undefined = t; c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
      seen.add(c.id);
      names.unshift(c.name);
    }
    paths.set(t.id, names.join(" › "));
  }
  return paths;
}

export async function listHelpTopics(db: Db, actor: StaffActor, params: ListParams & { departmentId?: number }) {
  assertAdmin(actor);
  const [rows, paths] = await Promise.all([
    db.helpTopic.findMany({
      where: { ...(params.q ? { name: containsText(db, params.q) } : {}), ...(params.departmentId ? { departmentId: params.departmentId } : {}) },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }, { id: "asc" }],
      ...pageArgs(params.page),
      include: { department: { select: { name: true, archivedAt: true } }, priority: { select: { name: true, color: true } }, slaPlan: { select: { name: true } } },
    }),
    topicPaths(db),
  ]);
  return pageOf(rows.map((r) => ({ ...r, path: paths.get(r.id) ?? r.name })), params.page);
}

export async function helpTopicFormOptions(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const [paths, departments, priorities, slaPlans] = await Promise.all([
    topicPaths(db),
    db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, archivedAt: true } }),
    db.priority.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    db.slaPlan.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, active: true } }),
  ]);
  const topics = [...paths].map(([id, path]) => ({ id, path })).sort((a, b) => a.path.localeCompare(b.path));
  return { topics, departments, priorities, slaPlans };
}

/** The help topic, for the edit form; null when there is none. */
export async function helpTopicForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const topic = await db.helpTopic.findUnique({ where: { id } });
  return topic && { ...topic, version: await helpTopicFormVersion(db, id) };
}
