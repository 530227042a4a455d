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
const { createDepartmentAction, updateDepartmentAction } = await import("@/lib/config/departments/actions");
const { departmentToEdit } = await import("@/lib/config/departments/queries");
const { createHelpTopicAction, updateHelpTopicAction } = await import("@/lib/config/help-topics/actions");
const { helpTopicToEdit } = await import("@/lib/config/help-topics/queries");
const { createPriorityAction, updatePriorityAction } = await import("@/lib/config/priorities/actions");
const { priorityToEdit } = await import("@/lib/config/priorities/queries");
const { createSlaPlanAction, updateSlaPlanAction } = await import("@/lib/config/sla/actions");
const { slaPlanToEdit } = await import("@/lib/config/sla/queries");
const { createTeamAction, updateTeamAction } = await import("@/lib/config/teams/actions");
const { teamToEdit } = await import("@/lib/config/teams/queries");
const { createMailboxAction, updateMailboxAction } = await import("@/lib/mail/admin/actions");
const { mailboxToEdit, smtpOAuthFormVersion } = await import("@/lib/mail/admin/queries");
const { updateSmtpOAuthAction } = await import("@/lib/mail/admin/actions");

type Answer = { ok: boolean; data?: unknown; code?: string };
/** One edit screen: how to make a record, read the version its page draws, and save its form with a changed value. */
type Screen = {
  entity: string;
  create: (name: string) => Promise<Answer>;
  version: (actor: StaffActor, id: number) => Promise<string | undefined>;
  save: (id: number, name: string, value: boolean, version: string) => Promise<Answer>;
  read: (id: number) => Promise<boolean>;
};

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
    // The refusal says who changed what, so the admin can check it before saving again.
    expect(await updateAgentAction({ ...fields, name: `Renamed ${uid()}`, access: both, version: opened })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringContaining(`saved by ${first.name}`),
      details: [expect.stringMatching(/^access: .+ → /)],
    });
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

  // Each screen's form changes one yes/no value; the stale form keeps the old value and renames.
  const screens = (): Screen[] => [
    {
      entity: "department",
      create: (name) => createDepartmentAction({ name, description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic: true }),
      version: async (actor, id) => (await departmentToEdit(actor, id))?.version,
      save: (id, name, isPublic, version) => updateDepartmentAction({ id, name, description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic, version }),
      read: async (id) => (await t.db.department.findUniqueOrThrow({ where: { id } })).isPublic,
    },
    {
      entity: "help-topic",
      create: async (name) => createHelpTopicAction({ name, parentId: "", departmentId: String((await department(t.db)).id), priorityId: "", slaPlanId: "", active: true, isPublic: true, sortOrder: "0" }),
      version: async (actor, id) => (await helpTopicToEdit(actor, id))?.version,
      save: async (id, name, isPublic, version) => {
        const topic = await t.db.helpTopic.findUniqueOrThrow({ where: { id } });
        return updateHelpTopicAction({ id, name, parentId: "", departmentId: String(topic.departmentId), priorityId: "", slaPlanId: "", active: true, isPublic, sortOrder: "0", version });
      },
      read: async (id) => (await t.db.helpTopic.findUniqueOrThrow({ where: { id } })).isPublic,
    },
    {
      entity: "priority",
      create: (name) => createPriorityAction({ name, sortOrder: "500", color: "#123456", isDefault: false }),
      version: async (actor, id) => (await priorityToEdit(actor, id))?.version,
      // The colour stands in for a yes/no value: a priority's default flag cannot simply be cleared.
      save: (id, name, dark, version) => updatePriorityAction({ id, name, sortOrder: "500", color: dark ? "#123456" : "#eeeeee", isDefault: false, version }),
      read: async (id) => (await t.db.priority.findUniqueOrThrow({ where: { id } })).color === "#123456",
    },
    {
      entity: "sla-plan",
      create: (name) => createSlaPlanAction({ name, firstResponseHours: "", firstResponseMinutes: "", resolutionHours: "8", resolutionMinutes: "", businessHoursOnly: false, active: true }),
      version: async (actor, id) => (await slaPlanToEdit(actor, id))?.version,
      save: (id, name, active, version) => updateSlaPlanAction({ id, name, firstResponseHours: "", firstResponseMinutes: "", resolutionHours: "8", resolutionMinutes: "", businessHoursOnly: false, active, version }),
      read: async (id) => (await t.db.slaPlan.findUniqueOrThrow({ where: { id } })).active,
    },
    {
      entity: "team",
      create: (name) => createTeamAction({ name, leadId: "", memberIds: [], active: true }),
      version: async (actor, id) => (await teamToEdit(actor, id))?.version,
      save: (id, name, active, version) => updateTeamAction({ id, name, leadId: "", memberIds: [], active, version }),
      read: async (id) => (await t.db.team.findUniqueOrThrow({ where: { id } })).active,
    },
    {
      entity: "imap-mailbox",
      create: (name) => createMailboxAction({ name, host: "imap.example.com", port: "993", secure: true, username: "support@example.com", password: "imap-secret-1", folder: "INBOX", helpTopicId: "", active: true, authMethod: "password" }),
      version: async (actor, id) => (await mailboxToEdit(actor, id))?.version,
      save: (id, name, active, version) => updateMailboxAction({ id, name, host: "imap.example.com", port: "993", secure: true, username: "support@example.com", password: "", folder: "INBOX", helpTopicId: "", active, authMethod: "password", version }),
      read: async (id) => (await t.db.imapMailbox.findUniqueOrThrow({ where: { id } })).active,
    },
  ];

  it("every other admin edit screen refuses a form opened before another admin's save, and saves twice from one page", async () => {
    for (const screen of screens()) {
      state.actor = first;
      const name = `${screen.entity} ${uid()}`;
      const created = await screen.create(name);
      expect(created, screen.entity).toMatchObject({ ok: true });
      const id = (created.data as { id: number }).id;
      const opened = (await screen.version(second, id))!;
      expect(opened, screen.entity).toEqual(expect.any(String));

      const saved = await screen.save(id, name, false, opened);
      expect(saved, screen.entity).toMatchObject({ ok: true, data: { version: expect.any(String) } });
      state.actor = second;
      expect(await screen.save(id, `${name} renamed`, true, opened), screen.entity).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining(`saved by ${first.name}`), details: expect.any(Array) });
      expect(await screen.read(id), screen.entity).toBe(false);
      expect(await t.db.auditLog.count({ where: { entity: screen.entity, entityId: String(id), action: "update" } }), screen.entity).toBe(1);

      const latest = (await screen.version(second, id))!;
      expect(latest, screen.entity).toBe((saved.data as { version: string }).version);
      const again = await screen.save(id, `${name} renamed`, true, latest);
      expect(again, screen.entity).toMatchObject({ ok: true });
      expect(await screen.save(id, `${name} renamed`, false, (again.data as { version: string }).version), screen.entity).toMatchObject({ ok: true });
      expect(await screen.read(id), screen.entity).toBe(false);
    }
  });

  it("of two saves from pages opened on the same version at the same moment, one goes through and the other is refused", async () => {
    for (const screen of screens()) {
      state.actor = first;
      const name = `${screen.entity} ${uid()}`;
      const id = ((await screen.create(name)).data as { id: number }).id;
      const opened = (await screen.version(first, id))!;
      const answers = await Promise.all([screen.save(id, `${name} a`, false, opened), screen.save(id, `${name} b`, false, opened)]);
      expect(answers.map((a) => (a.ok ? "ok" : a.code)).sort(), screen.entity).toEqual(["CONFLICT", "ok"]);
      expect(await t.db.auditLog.count({ where: { entity: screen.entity, entityId: String(id), action: "update" } }), screen.entity).toBe(1);
    }
  });

  it("the SMTP sign-in form opened before another admin's save does not put the old app registration back", async () => {
    const app = (clientId: string, version: string) => ({ oauthProvider: "microsoft", oauthFlow: "authorization_code", oauthTenant: "contoso.com", oauthClientId: clientId, oauthClientSecret: "app-secret-123", oauthAuthorizeUrl: "", oauthTokenUrl: "", version });
    const opened = await smtpOAuthFormVersion(second);
    state.actor = first;
    const saved = await updateSmtpOAuthAction(app("client-of-first", opened));
    expect(saved).toMatchObject({ ok: true, data: { version: expect.any(String) } });
    state.actor = second;
    expect(await updateSmtpOAuthAction(app("client-of-second", opened))).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await t.db.mailOAuthGrant.findUniqueOrThrow({ where: { key: "smtp" } })).toMatchObject({ clientId: "client-of-first" });
    expect(await smtpOAuthFormVersion(second)).toBe((saved as { data: { version: string } }).data.version);
    expect(await updateSmtpOAuthAction(app("client-of-second", (saved as { data: { version: string } }).data.version))).toMatchObject({ ok: true });
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
