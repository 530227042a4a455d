// Small factories: each test builds the rows it needs, never relying on demo data.
import crypto from "node:crypto";
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { Db } from "@/lib/server/prisma";
import { ensureReferenceData } from "@/lib/setup/reference-data";

export const uid = () => crypto.randomBytes(4).toString("hex");

export async function department(db: Db, name = `Dept ${uid()}`) {
  await ensureReferenceData(db);
  return db.department.create({ data: { name } });
}

export async function helpTopic(db: Db, departmentId: number, overrides: { priorityName?: string } = {}) {
  const priority = overrides.priorityName ? await db.priority.findUnique({ where: { name: overrides.priorityName } }) : null;
  return db.helpTopic.create({ data: { name: `Topic ${uid()}`, departmentId, priorityId: priority?.id } });
}

export async function staff(db: Db, opts: { departments?: number[]; role?: string; admin?: boolean; name?: string } = {}) {
  await ensureReferenceData(db);
  const role = await db.role.findUniqueOrThrow({ where: { name: opts.role ?? "Expanded access" } });
  const u = uid();
  const name = opts.name ?? `Agent ${u}`;
  const s = await db.staff.create({ data: { email: `agent-${u}@example.com`, name, username: `agent${u}`, kind: opts.admin ? "ADMIN" : "AGENT" } });
  if (opts.departments?.length) await db.staffDepartment.createMany({ data: opts.departments.map((departmentId) => ({ staffId: s.id, departmentId, roleId: role.id })) });
  return s;
}

/** The actor as getActor() builds it, from the database. */
export async function actorFor(db: Db, staffId: number): Promise<StaffActor> {
  const actor = await loadActor(db, staffId);
  if (!actor) throw new Error(`no active staff ${staffId}`);
  return actor;
}
