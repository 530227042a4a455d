// The admin console's services against real SQLite and PostgreSQL databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { deactivateAgent, inviteAgent, reactivateAgent, resetAgentPassword, setAgentAdmin, updateAgent } from "@/lib/config/agents/service";
import { createHelpTopic, updateHelpTopic } from "@/lib/config/help-topics/service";
import { createPriority, deletePriority, updatePriority } from "@/lib/config/priorities/service";
import { createRole, deleteRole, updateRole } from "@/lib/config/roles/service";
import { createSlaPlan, deleteSlaPlan, updateSlaPlan } from "@/lib/config/sla/service";
import { createTeam, updateTeam } from "@/lib/config/teams/service";
import { updateSettings } from "@/lib/config/settings/service";
import { loadSettings } from "@/lib/settings/store";
import { auditPage } from "@/lib/config/audit/log";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/config/api-keys/service";
import { cannedResponsesFor, createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned/service";
import { listAgents } from "@/lib/config/agents/reads";
import { archiveDepartment, createDepartment, listDepartments, unarchiveDepartment, updateDepartment } from "@/lib/config/departments/service";
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { checkStaffCredentials } from "@/lib/auth/sign-in";
import { setPasswordWithToken, staffTokenState } from "@/lib/auth/staff-tokens";
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

    it("searches lists case-insensitively on either database, 50 rows a page", async () => {
      const tag = uid();
      for (let i = 0; i < 52; i++) await t.db.department.create({ data: { name: `Paged ${tag} ${String(i).padStart(2, "0")}` } });
      const first = await listDepartments(t.db, admin, { q: `PAGED ${tag.toUpperCase()}`, page: 1 });
      expect(first.rows).toHaveLength(50);
      expect(first.hasNext).toBe(true);
      const second = await listDepartments(t.db, admin, { q: `paged ${tag}`, page: 2 });
      expect(second.rows.map((r) => r.name)).toEqual([`Paged ${tag} 50`, `Paged ${tag} 51`]);
      expect(second.hasNext).toBe(false);
      expect((await listAgents(t.db, admin, { q: "ADA ADMIN", page: 1 })).rows.map((r) => r.name)).toContain("Ada Admin");
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

  describe("agents", () => {
    const tokenOf = (link: string) => link.replace("/set-password/", "");
    const agentInput = (extra: Record<string, unknown> = {}) => {
      const u = uid();
      return { name: `Mark ${u}`, email: `Mark.${u}@Example.com`, username: `mark.${u}`, isAdmin: false, access: [] as { departmentId: number | string; roleId: number | string }[], ...extra };
    };

    it("invites an agent with department access; the one-time link sets a password once", async () => {
      const billing = await department(t.db);
      const role = await t.db.role.findUniqueOrThrow({ where: { name: "Limited access" } });
      const input = agentInput({ access: [{ departmentId: String(billing.id), roleId: String(role.id) }] });
      const invited = await inviteAgent(t.db, admin, input);
      expect(invited.link).toMatch(/^\/set-password\/[A-Za-z0-9_-]{43}$/);
      const staffRow = await t.db.staff.findUniqueOrThrow({ where: { id: invited.id }, include: { tokens: true, departments: true } });
      expect(staffRow).toMatchObject({ email: input.email.toLowerCase(), passwordHash: null, kind: "AGENT" });
      expect(staffRow.departments).toEqual([expect.objectContaining({ departmentId: billing.id, roleId: role.id })]);
      // Only the SHA-256 of the token is stored; it expires in 7 days.
      const token = tokenOf(invited.link);
      expect(staffRow.tokens).toHaveLength(1);
      expect(staffRow.tokens[0]).toMatchObject({ purpose: "INVITE", tokenHash: crypto.createHash("sha256").update(token).digest("hex"), usedAt: null });
      expect(Math.round((staffRow.tokens[0].expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(7);
      expect(JSON.parse((await audits("agent", invited.id))[0].after!)).toMatchObject({ access: [`${billing.name}: Limited access`], admin: false });

      await expectAppError(setPasswordWithToken(t.db, { token, password: "short", confirm: "short" }), "INVALID", "password");
      await expectAppError(setPasswordWithToken(t.db, { token, password: "long-enough-1", confirm: "long-enough-2" }), "INVALID", "confirm");
      await setPasswordWithToken(t.db, { token, password: "long-enough-1", confirm: "long-enough-1" });
      expect(await staffTokenState(t.db, token)).toEqual({ state: "used" });
      await expectAppError(setPasswordWithToken(t.db, { token, password: "another-one-1", confirm: "another-one-1" }), "CONFLICT");
      expect((await checkStaffCredentials(t.db, { email: input.email, password: "long-enough-1", clientIp: null })).ok).toBe(true);
    });

    it("refuses an expired link with a clear message", async () => {
      const invited = await inviteAgent(t.db, admin, agentInput());
      await t.db.staffToken.updateMany({ where: { staffId: invited.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await staffTokenState(t.db, tokenOf(invited.link))).toEqual({ state: "expired" });
      const error = await expectAppError(setPasswordWithToken(t.db, { token: tokenOf(invited.link), password: "long-enough-1", confirm: "long-enough-1" }), "CONFLICT");
      expect(error.message).toMatch(/expired/);
      expect(await staffTokenState(t.db, "not-a-real-token-but-long-enough")).toEqual({ state: "unknown" });
    });

    it("refuses a duplicate email or username", async () => {
      const first = agentInput();
      await inviteAgent(t.db, admin, first);
      await expectAppError(inviteAgent(t.db, admin, agentInput({ email: first.email.toUpperCase() })), "INVALID", "email");
      await expectAppError(inviteAgent(t.db, admin, agentInput({ username: first.username })), "INVALID", "username");
      await expectAppError(inviteAgent(t.db, admin, agentInput({ username: "No Spaces Allowed" })), "INVALID", "username");
    });

    it("deactivation bumps sessionVersion so the session ends at once; tickets stay assigned", async () => {
      const dept = await department(t.db);
      const agentRow = await staff(t.db, { departments: [dept.id] });
      const topic = await helpTopic(t.db, dept.id);
      const opened = await openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: "Assigned", message: "x" });
      await t.db.ticket.update({ where: { number: opened.number }, data: { assigneeId: agentRow.id } });
      expect(await loadActor(t.db, agentRow.id, 0)).not.toBeNull();
      await deactivateAgent(t.db, admin, { id: agentRow.id });
      const after = await t.db.staff.findUniqueOrThrow({ where: { id: agentRow.id } });
      expect(after).toMatchObject({ active: false, sessionVersion: 1 });
      expect(await loadActor(t.db, agentRow.id, 0)).toBeNull();
      expect((await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } })).assigneeId).toBe(agentRow.id);
      await reactivateAgent(t.db, admin, { id: agentRow.id });
      expect(await loadActor(t.db, agentRow.id, 0)).toBeNull(); // the old session stays ended
      expect(await loadActor(t.db, agentRow.id, 1)).not.toBeNull();
      expect((await audits("agent", agentRow.id)).map((a) => a.action)).toEqual(["deactivate", "reactivate"]);
    });

    it("reset password clears the old one, bumps sessionVersion and issues a PASSWORD_RESET link", async () => {
      const invited = await inviteAgent(t.db, admin, agentInput());
      await setPasswordWithToken(t.db, { token: tokenOf(invited.link), password: "first-password", confirm: "first-password" });
      const before = await t.db.staff.findUniqueOrThrow({ where: { id: invited.id } });
      const reset = await resetAgentPassword(t.db, admin, { id: invited.id });
      const after = await t.db.staff.findUniqueOrThrow({ where: { id: invited.id } });
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(after.passwordHash).toBeNull();
      expect(await staffTokenState(t.db, tokenOf(reset.link))).toMatchObject({ state: "valid", purpose: "PASSWORD_RESET" });
    });

    it("never removes or deactivates the last active admin, nor lets an admin deactivate themselves", async () => {
      // A database of its own would be cleaner, but demoting every other admin works as well.
      const lone = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Lone Admin" })).id);
      await t.db.staff.updateMany({ where: { kind: "ADMIN", NOT: { id: lone.id } }, data: { kind: "AGENT" } });
      try {
        await expectAppError(deactivateAgent(t.db, lone, { id: lone.id }), "CONFLICT");
        const removal = await expectAppError(setAgentAdmin(t.db, lone, { id: lone.id, isAdmin: false }), "CONFLICT");
        expect(removal.message).toMatch(/last active administrator/);
        const second = await staff(t.db, { name: "Second" });
        await setAgentAdmin(t.db, lone, { id: second.id, isAdmin: true });
        const secondActor = await actorFor(t.db, second.id);
        await deactivateAgent(t.db, secondActor, { id: lone.id });
        await expectAppError(setAgentAdmin(t.db, secondActor, { id: second.id, isAdmin: false }), "CONFLICT");
        await expectAppError(deactivateAgent(t.db, secondActor, { id: second.id }), "CONFLICT");
        await reactivateAgent(t.db, secondActor, { id: lone.id });
      } finally {
        await t.db.staff.update({ where: { id: admin.id }, data: { kind: "ADMIN" } });
      }
    });

    it("edits access, but will not drop a department the agent manages", async () => {
      const dept = await department(t.db);
      const other = await department(t.db);
      const role = await t.db.role.findUniqueOrThrow({ where: { name: "Expanded access" } });
      const invited = await inviteAgent(t.db, admin, agentInput({ access: [{ departmentId: dept.id, roleId: role.id }] }));
      const row = await t.db.staff.findUniqueOrThrow({ where: { id: invited.id } });
      await updateDepartment(t.db, admin, { ...departmentInput(dept.name), id: dept.id, managerId: row.id });
      const base = { id: row.id, name: row.name, email: row.email, username: row.username };
      await expectAppError(updateAgent(t.db, admin, { ...base, access: [{ departmentId: other.id, roleId: role.id }] }), "INVALID", "access");
      await expectAppError(updateAgent(t.db, admin, { ...base, access: [{ departmentId: dept.id, roleId: role.id }, { departmentId: dept.id, roleId: role.id }] }), "INVALID", "access.1.departmentId");
      await updateAgent(t.db, admin, { ...base, access: [{ departmentId: dept.id, roleId: role.id }, { departmentId: other.id, roleId: role.id }] });
      const agent = await actorFor(t.db, row.id);
      expect([...agent.departments.keys()].sort()).toEqual([dept.id, other.id].sort());
    });
  });

  describe("roles", () => {
    it("creates and edits a role; the agent's permissions follow at once", async () => {
      const dept = await department(t.db);
      const role = await createRole(t.db, admin, { name: `Triage ${uid()}`, permissions: ["ticket.note"] });
      const agentRow = await staff(t.db);
      await t.db.staffDepartment.create({ data: { staffId: agentRow.id, departmentId: dept.id, roleId: role.id } });
      expect([...(await actorFor(t.db, agentRow.id)).departments.get(dept.id)!]).toEqual(["ticket.note"]);
      await updateRole(t.db, admin, { id: role.id, name: role.name, permissions: ["ticket.note", "ticket.reply", "ticket.assign"] });
      expect([...(await actorFor(t.db, agentRow.id)).departments.get(dept.id)!].sort()).toEqual(["ticket.assign", "ticket.note", "ticket.reply"]);
      const [, update] = await audits("role", role.id);
      expect(JSON.parse(update.before!).permissions).toEqual(["ticket.note"]);
      expect(JSON.parse(update.after!).permissions).toEqual(["ticket.reply", "ticket.note", "ticket.assign"]);
      await expectAppError(createRole(t.db, admin, { name: role.name, permissions: [] }), "INVALID", "name");
      await expectAppError(createRole(t.db, admin, { name: `Bad ${uid()}`, permissions: ["ticket.fly"] }), "INVALID");
    });

    it("deletes a role only when unused, saying where it is used", async () => {
      const dept = await department(t.db, `Billing ${uid()}`);
      const role = await createRole(t.db, admin, { name: `Temp ${uid()}`, permissions: [] });
      const agentRow = await staff(t.db);
      await t.db.staffDepartment.create({ data: { staffId: agentRow.id, departmentId: dept.id, roleId: role.id } });
      const error = await expectAppError(deleteRole(t.db, admin, { id: role.id }), "CONFLICT");
      expect(error.message).toContain(`1 agent in ${dept.name}`);
      await t.db.staffDepartment.deleteMany({ where: { roleId: role.id } });
      await deleteRole(t.db, admin, { id: role.id });
      expect(await t.db.role.findUnique({ where: { id: role.id } })).toBeNull();
      const last = (await audits("role", role.id)).at(-1)!;
      expect(last).toMatchObject({ action: "delete", after: null });
      expect(JSON.parse(last.before!)).toMatchObject({ name: role.name });
    });
  });

  describe("help topics", () => {
    const topicInput = (departmentId: number, extra: Record<string, unknown> = {}) => ({ name: `Topic ${uid()}`, parentId: "", departmentId: String(departmentId), priorityId: "", slaPlanId: "", active: true, isPublic: true, sortOrder: "0", ...extra });

    it("nests topics and refuses a cycle with a field error", async () => {
      const dept = await department(t.db);
      const a = await createHelpTopic(t.db, admin, topicInput(dept.id));
      const b = await createHelpTopic(t.db, admin, topicInput(dept.id, { parentId: String(a.id) }));
      const c = await createHelpTopic(t.db, admin, topicInput(dept.id, { parentId: String(b.id) }));
      const aRow = await t.db.helpTopic.findUniqueOrThrow({ where: { id: a.id } });
      const base = { ...topicInput(dept.id), id: a.id, name: aRow.name };
      const error = await expectAppError(updateHelpTopic(t.db, admin, { ...base, parentId: String(c.id) }), "INVALID", "parentId");
      expect(error.fieldErrors.parentId).toMatch(/under itself or under one of its own subtopics/);
      await expectAppError(updateHelpTopic(t.db, admin, { ...base, parentId: String(a.id) }), "INVALID", "parentId");
      expect((await t.db.helpTopic.findUniqueOrThrow({ where: { id: a.id } })).parentId).toBeNull();
      await expectAppError(createHelpTopic(t.db, admin, topicInput(dept.id, { name: aRow.name })), "INVALID", "name");
    });

    it("routes tickets from the public form to the topic's department, priority and SLA plan", async () => {
      const dept = await department(t.db);
      const sevA = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } });
      const plan = await createSlaPlan(t.db, admin, { name: `Fast ${uid()}`, firstResponseHours: "1", firstResponseMinutes: "", resolutionHours: "4", resolutionMinutes: "30", businessHoursOnly: false, active: true });
      const topic = await createHelpTopic(t.db, admin, topicInput(dept.id, { priorityId: String(sevA.id), slaPlanId: String(plan.id) }));
      const opened = await openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: "Invoice wrong", message: "x" });
      const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } });
      expect(ticket).toMatchObject({ departmentId: dept.id, priorityId: sevA.id, priorityOrder: sevA.sortOrder, slaPlanId: plan.id });
      expect(Math.round((ticket.dueAt!.getTime() - ticket.createdAt.getTime()) / 60_000)).toBe(270);
      const topicRow = await t.db.helpTopic.findUniqueOrThrow({ where: { id: topic.id } });
      await updateHelpTopic(t.db, admin, { ...topicInput(dept.id), id: topic.id, name: topicRow.name, isPublic: false });
      await expectAppError(openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: "Again", message: "x" }), "INVALID", "helpTopicId");
    });
  });

  describe("priorities and SLA plans", () => {
    it("reordering a priority rewrites its tickets' priorityOrder in the same change", async () => {
      const p = await createPriority(t.db, admin, { name: `P ${uid()}`, sortOrder: "50", color: "#123456", isDefault: false });
      const dept = await department(t.db);
      const topic = await createHelpTopic(t.db, admin, { name: `T ${uid()}`, parentId: "", departmentId: String(dept.id), priorityId: String(p.id), slaPlanId: "", active: true, isPublic: true, sortOrder: "0" });
      for (let i = 0; i < 3; i++) await openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: topic.id, subject: `Order ${i}`, message: "x" });
      const result = await updatePriority(t.db, admin, { id: p.id, name: p.name, sortOrder: "0", color: "#123456", isDefault: false }).catch((e) => e);
      expect(result).toBeInstanceOf(AppError); // 0 is below the allowed range
      const updated = await updatePriority(t.db, admin, { id: p.id, name: p.name, sortOrder: "7", color: "#654321", isDefault: false });
      expect(updated.ticketsReordered).toBe(3);
      expect((await t.db.ticket.findMany({ where: { priorityId: p.id }, select: { priorityOrder: true } })).map((r) => r.priorityOrder)).toEqual([7, 7, 7]);
      const last = (await audits("priority", p.id)).at(-1)!;
      expect(JSON.parse(last.before!)).toMatchObject({ order: 50, colour: "#123456" });
      expect(JSON.parse(last.after!)).toMatchObject({ order: 7, colour: "#654321", ticketsReordered: 3 });
      // In use by tickets and a topic: not deleted.
      const error = await expectAppError(deletePriority(t.db, admin, { id: p.id }), "CONFLICT");
      expect(error.message).toMatch(/3 tickets and help topics/);
    });

    it("keeps exactly one default priority and deletes an unused one", async () => {
      const a = await createPriority(t.db, admin, { name: `A ${uid()}`, sortOrder: "60", color: "#111111", isDefault: true });
      expect(await t.db.priority.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([{ id: a.id }]);
      await expectAppError(updatePriority(t.db, admin, { id: a.id, name: a.name, sortOrder: "60", color: "#111111", isDefault: false }), "INVALID", "isDefault");
      await expectAppError(deletePriority(t.db, admin, { id: a.id }), "CONFLICT");
      const normal = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev C — normal" } });
      await updatePriority(t.db, admin, { id: normal.id, name: normal.name, sortOrder: String(normal.sortOrder), color: normal.color, isDefault: true });
      await deletePriority(t.db, admin, { id: a.id });
      expect(await t.db.priority.findUnique({ where: { id: a.id } })).toBeNull();
    });

    it("stores SLA targets in minutes, refuses a zero resolution target, deletes only when unused", async () => {
      await expectAppError(createSlaPlan(t.db, admin, { name: `Zero ${uid()}`, firstResponseHours: "", firstResponseMinutes: "", resolutionHours: "0", resolutionMinutes: "0", businessHoursOnly: false, active: true }), "INVALID", "resolutionHours");
      const plan = await createSlaPlan(t.db, admin, { name: `Std ${uid()}`, firstResponseHours: "", firstResponseMinutes: "", resolutionHours: "72", resolutionMinutes: "", businessHoursOnly: true, active: true });
      expect(await t.db.slaPlan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ firstResponseMinutes: null, resolutionMinutes: 4320, businessHoursOnly: true });
      const dept = await department(t.db, `Uses plan ${uid()}`);
      await t.db.department.update({ where: { id: dept.id }, data: { slaPlanId: plan.id } });
      const error = await expectAppError(deleteSlaPlan(t.db, admin, { id: plan.id }), "CONFLICT");
      expect(error.message).toContain(`departments ${dept.name}`);
      await updateSlaPlan(t.db, admin, { id: plan.id, name: `Std ${uid()}`, firstResponseHours: "8", firstResponseMinutes: "", resolutionHours: "72", resolutionMinutes: "", businessHoursOnly: true, active: false });
      await t.db.department.update({ where: { id: dept.id }, data: { slaPlanId: null } });
      await deleteSlaPlan(t.db, admin, { id: plan.id });
      expect((await audits("sla-plan", plan.id)).map((a) => a.action)).toEqual(["create", "update", "delete"]);
    });
  });

  describe("teams", () => {
    it("requires the lead to be a member; a department's default team stays active", async () => {
      const [a, b] = [await staff(t.db), await staff(t.db)];
      const name = `Night shift ${uid()}`;
      await expectAppError(createTeam(t.db, admin, { name, leadId: String(b.id), memberIds: [String(a.id)], active: true }), "INVALID", "leadId");
      const team = await createTeam(t.db, admin, { name, leadId: String(a.id), memberIds: [String(a.id), String(b.id)], active: true });
      expect((await actorFor(t.db, b.id)).teamIds).toEqual([team.id]);
      await expectAppError(createTeam(t.db, admin, { name, leadId: "", memberIds: [], active: true }), "INVALID", "name");
      const dept = await department(t.db);
      await updateDepartment(t.db, admin, { ...departmentInput(dept.name), id: dept.id, defaultAssignee: `team:${team.id}` });
      await expectAppError(updateTeam(t.db, admin, { id: team.id, name, leadId: String(a.id), memberIds: [String(a.id)], active: false }), "INVALID", "active");
      await updateTeam(t.db, admin, { id: team.id, name, leadId: "", memberIds: [String(a.id)], active: true });
      expect((await actorFor(t.db, b.id)).teamIds).toEqual([]);
      expect(JSON.parse((await audits("team", team.id)).at(-1)!.after!)).toMatchObject({ lead: null, members: [a.name] });
    });
  });

  describe("settings", () => {
    const form = {
      helpdeskName: "Acme Support", helpdeskUrl: "https://help.acme.test", timeZone: "Europe/Berlin", ticketNumberMode: "sequential" as "sequential" | "random", ticketNumberPrefix: "HD-",
      attachmentMaxFileMb: "5", attachmentMaxFiles: "3", attachmentMaxTotalMb: "12", attachmentAllowedTypes: ".PDF, png ,txt", requesterCanClose: true, requesterCanReopen: false, reopenWithinDays: "14",
    };

    it("saves through lib/settings and audits only what changed", async () => {
      await updateSettings(t.db, admin, form);
      const s = await loadSettings(t.db);
      expect(s).toMatchObject({ helpdeskName: "Acme Support", timeZone: "Europe/Berlin", ticketNumberMode: "sequential", ticketNumberPrefix: "HD-", attachmentAllowedTypes: [".pdf", ".png", ".txt"], requesterCanReopen: false, reopenWithinDays: 14 });
      await updateSettings(t.db, admin, { ...form, helpdeskName: "Acme Help" });
      const rows = await audits("settings", "helpdesk");
      expect(JSON.parse(rows.at(-1)!.before!)).toEqual({ helpdeskName: "Acme Support" });
      expect(JSON.parse(rows.at(-1)!.after!)).toEqual({ helpdeskName: "Acme Help" });
      await expectAppError(updateSettings(t.db, admin, { ...form, timeZone: "Mars/Olympus" }), "INVALID", "timeZone");
      await expectAppError(updateSettings(t.db, admin, { ...form, attachmentMaxTotalMb: "1" }), "INVALID", "attachmentMaxTotalMb");
      await expectAppError(updateSettings(t.db, admin, { ...form, helpdeskUrl: "javascript:alert(1)" }), "INVALID", "helpdeskUrl");
      // Back to random numbers for the other tests' tickets.
      await updateSettings(t.db, admin, { ...form, ticketNumberMode: "random", ticketNumberPrefix: "" });
    });
  });

  describe("audit log", () => {
    it("filters by entity and actor and pages by id", async () => {
      const other = await actorFor(t.db, (await staff(t.db, { admin: true, name: "Other Admin" })).id);
      const name = `Audited ${uid()}`;
      const created = await createDepartment(t.db, other, departmentInput(name));
      await updateDepartment(t.db, other, { ...departmentInput(name), id: created.id, description: "Now described" });
      const mine = await auditPage(t.db, admin, { actor: other.id, entity: "department" });
      expect(mine.rows.map((r) => [r.action, r.subject, r.actor])).toEqual([["update", name, "Other Admin"], ["create", name, "Other Admin"]]);
      expect(mine.rows[0].changes).toEqual([{ field: "description", before: "—", after: "Now described" }]);
      expect(mine.rows[0].href).toBe(`/admin/departments/${created.id}`);
      const older = await auditPage(t.db, admin, { actor: other.id, before: mine.rows[0].id });
      expect(older.rows.map((r) => r.action)).toEqual(["create"]);
      await expectAppError(auditPage(t.db, other.isAdmin ? { ...other, isAdmin: false } : other, {}), "FORBIDDEN");
    });
  });

  describe("API keys", () => {
    it("stores only the hash, checks scope and address, and refuses a revoked key", async () => {
      await expectAppError(createApiKey(t.db, admin, { label: "Bad", scopes: ["tickets:create"], allowedIps: "10.0.0.0/8, nonsense" }), "INVALID", "allowedIps");
      await expectAppError(createApiKey(t.db, admin, { label: "No scope", scopes: [] }), "INVALID", "scopes");
      const created = await createApiKey(t.db, admin, { label: "Website form", scopes: ["tickets:create"], allowedIps: "203.0.113.0/24" });
      const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.keyHash).toBe(crypto.createHash("sha256").update(created.key).digest("hex"));
      expect(JSON.stringify(row)).not.toContain(created.key.slice(3));
      expect(row).toMatchObject({ prefix: created.key.slice(0, 9), scopes: "tickets:create", allowedIps: "203.0.113.0/24", createdById: admin.id, lastUsedAt: null });
      expect(await authenticateApiKey(t.db, created.key, "tickets:create", "203.0.113.9")).toEqual({ ok: true, keyId: created.id, label: expect.any(String), scopes: ["tickets:create"] });
      expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
      expect(await authenticateApiKey(t.db, created.key, "mail:pipe", "203.0.113.9")).toEqual({ ok: false, reason: "scope" });
      expect(await authenticateApiKey(t.db, created.key, "tickets:create", "198.51.100.1")).toEqual({ ok: false, reason: "address" });
      expect(await authenticateApiKey(t.db, created.key + "x", "tickets:create", "203.0.113.9")).toEqual({ ok: false, reason: "unknown" });
      await revokeApiKey(t.db, admin, { id: created.id });
      expect(await authenticateApiKey(t.db, created.key, "tickets:create", "203.0.113.9")).toEqual({ ok: false, reason: "revoked" });
      expect((await audits("api-key", created.id)).map((a) => a.action)).toEqual(["create", "revoke"]);
    });
  });

  describe("canned responses", () => {
    it("admins manage all; agents with canned.manage only their departments'; the composer query scopes by department", async () => {
      const [mine, other] = [await department(t.db), await department(t.db)];
      const manager = await actorFor(t.db, (await staff(t.db, { departments: [mine.id], role: "Expanded access" })).id);
      const plain = await actorFor(t.db, (await staff(t.db, { departments: [mine.id], role: "Limited access" })).id);
      const shared = await createCannedResponse(t.db, admin, { title: `Shared ${uid()}`, body: "Hello {{requester.name}}", departmentId: "" });
      const own = await createCannedResponse(t.db, manager, { title: `Own ${uid()}`, body: "Fixed #{{ticket.number}}", departmentId: String(mine.id) });
      await expectAppError(createCannedResponse(t.db, manager, { title: "Everyone", body: "x", departmentId: "" }), "INVALID", "departmentId");
      await expectAppError(createCannedResponse(t.db, manager, { title: "Theirs", body: "x", departmentId: String(other.id) }), "FORBIDDEN");
      await expectAppError(createCannedResponse(t.db, plain, { title: "Nope", body: "x", departmentId: String(mine.id) }), "FORBIDDEN");
      await expectAppError(updateCannedResponse(t.db, manager, { id: shared.id, title: "Mine now", body: "x", departmentId: String(mine.id) }), "NOT_FOUND");
      await expectAppError(deleteCannedResponse(t.db, plain, { id: own.id }), "NOT_FOUND");
      const otherOnly = await createCannedResponse(t.db, admin, { title: `Other ${uid()}`, body: "x", departmentId: String(other.id) });

      const forMine = (await cannedResponsesFor(t.db, plain, mine.id)).map((c) => c.id);
      expect(forMine).toEqual(expect.arrayContaining([shared.id, own.id]));
      expect(forMine).not.toContain(otherOnly.id);
      expect(await cannedResponsesFor(t.db, plain, other.id)).toEqual([]);
      expect((await cannedResponsesFor(t.db, admin, other.id)).map((c) => c.id)).toEqual(expect.arrayContaining([shared.id, otherOnly.id]));

      await deleteCannedResponse(t.db, manager, { id: own.id });
      expect((await audits("canned-response", own.id)).map((a) => [a.action, a.actorStaffId])).toEqual([["create", manager.id], ["delete", manager.id]]);
    });
  });
});
