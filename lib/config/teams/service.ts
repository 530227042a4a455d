import "server-only";
// Teams: groups of agents a ticket can be assigned to, across departments. The lead must be a member.
import type { StaffActor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, lockForEdit, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import type { ListParams } from "@/lib/config/shared/fields";
import { containsText, pageArgs, pageOf } from "@/lib/server/paging";
import { ZCreateTeam, ZUpdateTeam, type CreateTeamInput, type UpdateTeamInput } from "./schemas";

const UNIQUE = { name: "A team with this name already exists." };

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const team = await tx.team.findUniqueOrThrow({ where: { id }, include: { lead: { select: { name: true } }, members: { include: { staff: { select: { name: true } } } } } });
  return { name: team.name, lead: team.lead?.name ?? null, active: team.active, members: team.members.map((m) => m.staff.name).sort() };
}

/** The version an edit form saves against: a fingerprint of what the audit log shows of it (lib/server/admin-write.ts). */
export async function teamFormVersion(db: Db | Tx, id: number): Promise<string> {
  return editVersion(await snapshot(db, id));
}

type Fields = ReturnType<typeof ZCreateTeam.parse>;

async function checkFields(tx: Tx, teamId: number | null, input: Fields) {
  const errors: Record<string, string> = {};
  const memberIds = [...new Set(input.memberIds)];
  if (await tx.team.findFirst({ where: { name: input.name, ...(teamId ? { NOT: { id: teamId } } : {}) } })) errors.name = UNIQUE.name;
  const found = await tx.staff.count({ where: { id: { in: memberIds } } });
  if (found !== memberIds.length) errors.memberIds = "Some of the chosen agents no longer exist. Reload the page.";
  if (input.leadId !== null && !memberIds.includes(input.leadId)) errors.leadId = "The lead must be one of the team's members. Tick them below, or choose another lead.";
  if (teamId !== null && !input.active) {
    const departments = await tx.department.findMany({ where: { defaultTeamId: teamId }, select: { name: true } });
    if (departments.length) errors.active = `New tickets of ${departments.map((d) => d.name).join(", ")} go to this team. Choose another default assignment there first.`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
  return memberIds;
}

async function replaceMembers(tx: Tx, teamId: number, memberIds: number[]) {
  await tx.teamMember.deleteMany({ where: { teamId, staffId: { notIn: memberIds } } });
  const existing = new Set((await tx.teamMember.findMany({ where: { teamId }, select: { staffId: true } })).map((m) => m.staffId));
  const added = memberIds.filter((id) => !existing.has(id));
  if (added.length) await tx.teamMember.createMany({ data: added.map((staffId) => ({ teamId, staffId })) });
}

export async function createTeam(db: Db, actor: StaffActor, raw: CreateTeamInput) {
  const input = parseInput(ZCreateTeam, raw);
  return adminWrite(db, actor, async (tx) => {
    const memberIds = await checkFields(tx, null, input);
    const team = await tx.team.create({ data: { name: input.name, leadId: input.leadId, active: input.active } });
    await replaceMembers(tx, team.id, memberIds);
    await recordAudit(tx, actor, { entity: "team", entityId: team.id, action: "create", after: await snapshot(tx, team.id) });
    return { id: team.id, name: team.name };
  }, UNIQUE);
}

export async function updateTeam(db: Db, actor: StaffActor, raw: UpdateTeamInput) {
  const input = parseInput(ZUpdateTeam, raw);
  return adminWrite(db, actor, async (tx) => {
    if (!(await tx.team.findUnique({ where: { id: input.id } }))) throw notFound("team");
    await lockForEdit(tx, "Team", input.id);
    const before = await snapshot(tx, input.id);
    await assertFreshForm(tx, input.version, editVersion(before), { what: "This team", entity: "team", entityId: input.id });
    const memberIds = await checkFields(tx, input.id, input);
    await tx.team.update({ where: { id: input.id }, data: { name: input.name, leadId: input.leadId, active: input.active } });
    await replaceMembers(tx, input.id, memberIds);
    const after = await snapshot(tx, input.id);
    await recordAudit(tx, actor, { entity: "team", entityId: input.id, action: "update", before, after });
    return { id: input.id, name: input.name, version: editVersion(after) };
  }, UNIQUE);
}

export async function listTeams(db: Db, actor: StaffActor, params: ListParams) {
  assertAdmin(actor);
  const rows = await db.team.findMany({
    where: params.q ? { name: containsText(db, params.q) } : {},
    orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }],
    ...pageArgs(params.page),
    include: { lead: { select: { name: true } }, _count: { select: { members: true, tickets: { where: { isOpen: true } } } } },
  });
  return pageOf(rows, params.page);
}

/** Active agents to choose members from, plus anyone already in the team. */
export async function teamMemberChoices(db: Db, actor: StaffActor, teamId?: number) {
  assertAdmin(actor);
  return db.staff.findMany({
    where: { OR: [{ active: true }, ...(teamId ? [{ teams: { some: { teamId } } }] : [])] },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, active: true },
    take: 2000,
  });
}

/** The team with its members' ids, for the edit form; null when there is none. */
export async function teamForEdit(db: Db, actor: StaffActor, id: number) {
  assertAdmin(actor);
  const team = await db.team.findUnique({ where: { id }, include: { members: { select: { staffId: true } } } });
  return team && { ...team, version: await teamFormVersion(db, id) };
}
