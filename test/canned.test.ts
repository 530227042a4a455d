// Canned responses through their actions, against real SQLite and PostgreSQL databases: an agent
// whose role grants canned.manage creates, edits and deletes their department's responses (audited);
// one without it is refused. The session and the database module are swapped for the test's actor
// and database; everything behind the action (policy, service, transaction, audit) is real.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, staff, uid } from "./factories";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown, revalidated: [] as string[] }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => state.revalidated.push(path) }));

const { createCannedAction, deleteCannedAction, updateCannedAction } = await import("@/lib/canned/actions");
const { cannedListPage, cannedToEdit } = await import("@/lib/canned/queries");
const { listCannedResponses } = await import("@/lib/canned/service");

describe.each(testDatabaseKinds())("canned responses on %s", (kind) => {
  let t: TestDatabase;
  let mine: { id: number };
  let other: { id: number };
  let manager: StaffActor;
  let plain: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    [mine, other] = [await department(t.db), await department(t.db)];
    manager = await actorFor(t.db, (await staff(t.db, { departments: [mine.id], role: "Expanded access" })).id);
    plain = await actorFor(t.db, (await staff(t.db, { departments: [mine.id], role: "Limited access" })).id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const audits = (entityId: number) => t.db.auditLog.findMany({ where: { entity: "canned-response", entityId: String(entityId) }, orderBy: { id: "asc" } });

  it("an agent with canned.manage creates, edits and deletes their department's response, audited, both consoles revalidated", async () => {
    state.actor = manager;
    state.revalidated = [];
    const title = `Reset steps ${uid()}`;
    const created = await createCannedAction({ title, body: "Hi {{requester.name}}", departmentId: String(mine.id) });
    expect(created).toMatchObject({ ok: true, data: { title } });
    const id = (created as { data: { id: number } }).data.id;
    expect(state.revalidated).toEqual(expect.arrayContaining(["/admin/canned", "/agent/canned"]));
    expect((await cannedListPage(manager, { page: 1, q: title })).rows.map((r) => r.id)).toEqual([id]);

    expect(await updateCannedAction({ id, title: `${title} v2`, body: "Hello {{requester.name}}", departmentId: String(mine.id) })).toMatchObject({ ok: true });
    expect(await t.db.cannedResponse.findUnique({ where: { id } })).toMatchObject({ title: `${title} v2`, body: "Hello {{requester.name}}", departmentId: mine.id });

    expect(await deleteCannedAction({ id })).toMatchObject({ ok: true });
    expect(await t.db.cannedResponse.findUnique({ where: { id } })).toBeNull();
    const log = await audits(id);
    expect(log.map((a) => [a.action, a.actorStaffId])).toEqual([["create", manager.id], ["update", manager.id], ["delete", manager.id]]);
    expect(JSON.parse(log[1].before!)).toMatchObject({ title });
  });

  it("refuses the manager outside their departments and for shared responses, with a field error where a field is wrong", async () => {
    state.actor = manager;
    expect(await createCannedAction({ title: "Everyone", body: "x", departmentId: "" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { departmentId: expect.any(String) } });
    expect(await createCannedAction({ title: "Theirs", body: "x", departmentId: String(other.id) })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createCannedAction({ title: "", body: "", departmentId: String(mine.id) })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { title: expect.any(String), body: expect.any(String) } });
  });

  it("refuses an agent without canned.manage: no create, and another's response is not found to edit or delete", async () => {
    state.actor = manager;
    const created = await createCannedAction({ title: `Kept ${uid()}`, body: "x", departmentId: String(mine.id) });
    const id = (created as { data: { id: number } }).data.id;

    state.actor = plain;
    expect(await createCannedAction({ title: "Nope", body: "x", departmentId: String(mine.id) })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await updateCannedAction({ id, title: "Changed", body: "y", departmentId: String(mine.id) })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deleteCannedAction({ id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await expect(cannedListPage(plain, { page: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.cannedResponse.findUnique({ where: { id } })).toMatchObject({ title: expect.stringMatching(/^Kept /), body: "x" });
    expect((await audits(id)).map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses a save from a form opened before someone else's save: theirs stays, nothing is audited, and a save after loading the latest version succeeds", async () => {
    const admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    state.actor = manager;
    const created = await createCannedAction({ title: `Shared work ${uid()}`, body: "Original", departmentId: String(mine.id) });
    const id = (created as { data: { id: number } }).data.id;
    // Both open the edit page and see the same version.
    const opened = (await cannedToEdit(manager, id))!.version;
    expect((await cannedToEdit(admin, id))!.version).toBe(opened);

    state.actor = admin;
    const first = await updateCannedAction({ id, title: "Admin's title", body: "Admin's text", departmentId: String(mine.id), version: opened });
    expect(first).toMatchObject({ ok: true, data: { version: expect.any(String) } });

    state.actor = manager;
    expect(await updateCannedAction({ id, title: "Agent's title", body: "Agent's text", departmentId: String(mine.id), version: opened })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await t.db.cannedResponse.findUnique({ where: { id } })).toMatchObject({ title: "Admin's title", body: "Admin's text" });
    expect((await audits(id)).map((a) => a.action)).toEqual(["create", "update"]);

    // The form keeps the version each save returns, so saving twice from one page works.
    const latest = (await cannedToEdit(manager, id))!.version;
    expect(latest).toBe((first as { data: { version: string } }).data.version);
    const again = await updateCannedAction({ id, title: "Agent's title", body: "Agent's text", departmentId: String(mine.id), version: latest });
    expect(again).toMatchObject({ ok: true });
    expect(await updateCannedAction({ id, title: "Agent's title 2", body: "Agent's text", departmentId: String(mine.id), version: (again as { data: { version: string } }).data.version })).toMatchObject({ ok: true });
    expect(await t.db.cannedResponse.findUnique({ where: { id } })).toMatchObject({ title: "Agent's title 2" });
  });

  it("a department filter narrows the list to the actor's departments, never past them", async () => {
    const admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    state.actor = admin;
    const theirs = await createCannedAction({ title: `Other dept ${uid()}`, body: "x", departmentId: String(other.id) });
    const id = (theirs as { data: { id: number } }).data.id;
    expect((await listCannedResponses(t.db, admin, { page: 1, departmentId: other.id })).rows.map((r) => r.id)).toContain(id);
    expect((await listCannedResponses(t.db, manager, { page: 1, departmentId: other.id })).rows).toEqual([]);
  });

  it("refuses a signed-out visitor", async () => {
    state.actor = null;
    expect(await createCannedAction({ title: "x", body: "x", departmentId: String(mine.id) })).toMatchObject({ ok: false });
    expect(await t.db.cannedResponse.count({ where: { title: "x" } })).toBe(0);
  });
});
