// Wiring of the admin actions: the action client's checks in front of the services. The session
// and the database module are swapped for the test's actor and database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { cachedCount } from "@/lib/tickets/count-cache";
import { createTestDatabase, type TestDatabase } from "./databases";
import { actorFor, department, staff, uid } from "./factories";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createCannedAction } = await import("@/lib/canned/actions");
const { archiveDepartmentAction, createDepartmentAction } = await import("@/lib/config/departments/actions");
const { deactivateAgentAction, inviteAgentAction } = await import("@/lib/config/agents/actions");
const { updateSettingsAction } = await import("@/lib/config/settings/actions");

describe("admin actions", () => {
  let t: TestDatabase;
  let admin: StaffActor;
  let agent: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    state.db = t.db;
    const dept = await department(t.db);
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    // Even "All access" in a department grants nothing in the admin console.
    agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id], role: "All access" })).id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const input = () => ({ name: `Dept ${uid()}`, description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic: true });

  it("drops the cached queue counts after an action that succeeded, and keeps them after one that failed", async () => {
    let computed = 0;
    const count = () => cachedCount("probe", async () => ++computed);
    state.actor = agent;
    await count();
    expect(await createDepartmentAction(input())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await count()).toBe(1);
    state.actor = admin;
    expect(await createDepartmentAction(input())).toMatchObject({ ok: true });
    expect(await count()).toBe(2);
  });

  it("refuses a signed-out caller", async () => {
    state.actor = null;
    expect(await createDepartmentAction(input())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("refuses an agent: FORBIDDEN and nothing changes", async () => {
    state.actor = agent;
    const auditsBefore = await t.db.auditLog.count();
    const departmentsBefore = await t.db.department.count();
    const d = input();
    expect(await createDepartmentAction(d)).toEqual({ ok: false, code: "FORBIDDEN", message: "Only administrators can do that.", fieldErrors: {}, details: undefined });
    expect(await archiveDepartmentAction({ id: 1 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await inviteAgentAction({ name: "X", email: "x@example.com", username: "x", isAdmin: true, access: [] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await deactivateAgentAction({ id: admin.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await updateSettingsAction({})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createCannedAction({ title: "t", body: "b", departmentId: "" })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await t.db.department.count()).toBe(departmentsBefore);
    expect(await t.db.staff.count({ where: { email: "x@example.com" } })).toBe(0);
    expect((await t.db.staff.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    expect(await t.db.auditLog.count()).toBe(auditsBefore);
  });

  it("returns field errors for bad input, then succeeds for an admin", async () => {
    state.actor = admin;
    const bad = await createDepartmentAction({ ...input(), name: "   " });
    expect(bad).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: "Enter a name." } });
    const d = input();
    expect(await createDepartmentAction(d)).toMatchObject({ ok: true, data: { name: d.name } });
    expect(await createDepartmentAction(d)).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: expect.stringMatching(/already exists/) } });
  });
});
