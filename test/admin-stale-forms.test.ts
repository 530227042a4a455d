// Two administrators on the same agent or role: a form opened before the other's save must not
// silently undo it (re-granting department access or a permission the other had just taken away).
// Real databases; the session is the test's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, staff, uid } from "./factories";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { updateAgentAction } = await import("@/lib/config/agents/actions");
const { agentToEdit } = await import("@/lib/config/agents/queries");
const { createRoleAction, updateRoleAction } = await import("@/lib/config/roles/actions");
const { roleToEdit } = await import("@/lib/config/roles/queries");

describe.each(testDatabaseKinds())("stale admin forms on %s", (kind) => {
  let t: TestDatabase;
  let first: StaffActor;
  let second: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    first = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    second = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const audits = (entity: string, id: number) => t.db.auditLog.findMany({ where: { entity, entityId: String(id) }, select: { action: true } });

  it("an agent form opened before another admin removed a department does not give it back", async () => {
    const [support, finance] = [await department(t.db), await department(t.db)];
    const agent = await staff(t.db, { departments: [support.id, finance.id] });
    const role = await t.db.role.findUniqueOrThrow({ where: { name: "Expanded access" } });
    const both = [
      { departmentId: String(support.id), roleId: String(role.id) },
      { departmentId: String(finance.id), roleId: String(role.id) },
    ];
    const fields = { id: agent.id, name: agent.name, email: agent.email, username: agent.username };
    const opened = (await agentToEdit(second, agent.id))!.version;
    expect((await agentToEdit(first, agent.id))!.version).toBe(opened);

    state.actor = first;
    const removed = await updateAgentAction({ ...fields, access: [both[0]], version: opened });
    expect(removed).toMatchObject({ ok: true, data: { version: expect.any(String) } });

    // The second admin only renames, on the page opened before: the save is refused, Finance stays gone.
    state.actor = second;
    expect(await updateAgentAction({ ...fields, name: `Renamed ${uid()}`, access: both, version: opened })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await t.db.staffDepartment.findMany({ where: { staffId: agent.id } })).map((m) => m.departmentId)).toEqual([support.id]);
    expect(await audits("agent", agent.id)).toHaveLength(1);

    // Saving twice from one page works: the form keeps the version its save returned.
    state.actor = first;
    const renamed = await updateAgentAction({ ...fields, name: "Second name", access: [both[0]], version: (removed as { data: { version: string } }).data.version });
    expect(renamed).toMatchObject({ ok: true });
    // A sign-in does not make the page stale: the version covers what the form edits.
    await t.db.staff.update({ where: { id: agent.id }, data: { lastLoginAt: new Date() } });
    expect(await updateAgentAction({ ...fields, name: "Third name", access: [both[0]], version: (renamed as { data: { version: string } }).data.version })).toMatchObject({ ok: true });
    expect((await agentToEdit(first, agent.id))!.name).toBe("Third name");
  });

  it("a role form opened before another admin took a permission away does not grant it again", async () => {
    state.actor = first;
    const created = await createRoleAction({ name: `Role ${uid()}`, permissions: ["ticket.reply", "ticket.delete"] });
    const id = (created as { data: { id: number } }).data.id;
    const name = (await roleToEdit(first, id))!.name;
    const opened = (await roleToEdit(second, id))!.version;

    const narrowed = await updateRoleAction({ id, name, permissions: ["ticket.reply"], version: opened });
    expect(narrowed).toMatchObject({ ok: true, data: { version: expect.any(String) } });

    state.actor = second;
    expect(await updateRoleAction({ id, name: `${name} (renamed)`, permissions: ["ticket.reply", "ticket.delete"], version: opened })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await roleToEdit(first, id))!.permissions).toEqual(["ticket.reply"]);
    expect((await audits("role", id)).map((a) => a.action)).toEqual(["create", "update"]);

    const latest = (await roleToEdit(second, id))!.version;
    expect(latest).toBe((narrowed as { data: { version: string } }).data.version);
    expect(await updateRoleAction({ id, name: `${name} (renamed)`, permissions: ["ticket.reply"], version: latest })).toMatchObject({ ok: true });
  });
});
