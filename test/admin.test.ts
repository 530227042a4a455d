// The admin console's services against real SQLite and PostgreSQL databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveDepartment, createDepartment, unarchiveDepartment, updateDepartment } from "@/lib/admin/departments";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/server/errors";
import { openTicket } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fieldErrors[field]).toBeTruthy();
  return error as AppError;
}

const departmentInput = (name: string, extra: Record<string, unknown> = {}) => ({ name, description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic: true, ...extra });

describe.each(testDatabaseKinds())("admin console on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    admin = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Ada Admin" })).id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const audits = (entity: string, entityId: number | string) => t.db.auditLog.findMany({ where: { entity, entityId: String(entityId) }, orderBy: { id: "asc" } });

  describe("departments", () => {
    it("creates a department and audits it; refuses a duplicate name with a field error", async () => {
      const name = `Billing ${uid()}`;
      const created = await createDepartment(t.db, admin, departmentInput(name, { description: "Invoices and refunds" }));
      const [row] = await audits("department", created.id);
      expect(row).toMatchObject({ actorStaffId: admin.id, action: "create", before: null });
      expect(JSON.parse(row.after!)).toMatchObject({ name, description: "Invoices and refunds", public: true, archived: false });
      const error = await expectAppError(createDepartment(t.db, admin, departmentInput(name)), "INVALID", "name");
      expect(error.fieldErrors.name).toMatch(/already exists/);
    });

    it("turns a simultaneous duplicate into the same field error", async () => {
      const name = `Race ${uid()}`;
      const results = await Promise.allSettled([createDepartment(t.db, admin, departmentInput(name)), createDepartment(t.db, admin, departmentInput(name))]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failure = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError;
      expect(failure).toBeInstanceOf(AppError);
      expect(failure.fieldErrors.name).toMatch(/already exists/);
    });

    it("refuses a manager or default assignee who is not a member", async () => {
      const dept = await department(t.db);
      const other = await department(t.db);
      const member = await staff(t.db, { departments: [dept.id] });
      const outsider = await staff(t.db, { departments: [other.id] });
      await expectAppError(updateDepartment(t.db, admin, { ...departmentInput(dept.name), id: dept.id, managerId: outsider.id }), "INVALID", "managerId");
      await expectAppError(updateDepartment(t.db, admin, { ...departmentInput(dept.name), id: dept.id, defaultAssignee: `staff:${outsider.id}` }), "INVALID", "defaultAssignee");
      expect((await t.db.department.findUniqueOrThrow({ where: { id: dept.id } })).managerId).toBeNull();
      await updateDepartment(t.db, admin, { ...departmentInput(dept.name), id: dept.id, managerId: String(member.id), defaultAssignee: `staff:${member.id}` });
      expect(await t.db.department.findUniqueOrThrow({ where: { id: dept.id } })).toMatchObject({ managerId: member.id, defaultAssigneeId: member.id, defaultTeamId: null });
      const update = (await audits("department", dept.id)).at(-1)!;
      expect(JSON.parse(update.before!)).toMatchObject({ manager: null });
      expect(JSON.parse(update.after!)).toMatchObject({ manager: member.name, defaultAssignee: member.name });
    });

    it("archives only without open tickets, saying how many must move first; unarchives", async () => {
      const dept = await department(t.db);
      const topic = await helpTopic(t.db, dept.id);
      for (let i = 0; i < 2; i++) await openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: `Ticket ${i}`, message: "x" });
      const error = await expectAppError(archiveDepartment(t.db, admin, { id: dept.id }), "CONFLICT");
      expect(error.message).toContain("2 open tickets");
      await t.db.ticket.updateMany({ where: { departmentId: dept.id }, data: { isOpen: false } });
      await archiveDepartment(t.db, admin, { id: dept.id });
      expect((await t.db.department.findUniqueOrThrow({ where: { id: dept.id } })).archivedAt).not.toBeNull();
      // The public form no longer offers its topics.
      await expectAppError(openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: "After", message: "x" }), "INVALID", "helpTopicId");
      await unarchiveDepartment(t.db, admin, { id: dept.id });
      expect((await audits("department", dept.id)).map((a) => a.action)).toEqual(["archive", "unarchive"]);
    });

    it("refuses an agent calling the service: FORBIDDEN, nothing written", async () => {
      const dept = await department(t.db);
      const agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id], role: "All access" })).id);
      const name = `Sneaky ${uid()}`;
      await expectAppError(createDepartment(t.db, agent, departmentInput(name)), "FORBIDDEN");
      await expectAppError(archiveDepartment(t.db, agent, { id: dept.id }), "FORBIDDEN");
      expect(await t.db.department.count({ where: { name } })).toBe(0);
      expect(await t.db.auditLog.count({ where: { actorStaffId: agent.id } })).toBe(0);
    });
  });
});
