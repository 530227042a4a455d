// Admin-edited mail templates against real SQLite and PostgreSQL: the actions' checks (signed out,
// not an admin, bad template → field errors), the audit row, and the stored template used by the
// outbox until it is reset. The session and the database module are swapped for the test's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { saveSettings } from "@/lib/settings/store";
import { openTicket } from "@/lib/tickets/requester-service";
import { DEFAULT_TEMPLATES } from "@/lib/mail/templates";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { previewMailTemplateAction, resetMailTemplateAction, saveMailTemplateAction } = await import("@/lib/mail/admin/actions");
const { mailTemplateToEdit } = await import("@/lib/mail/admin/queries");

describe.each(testDatabaseKinds())("mail templates on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  let agent: StaffActor;
  let topicId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    const dept = await department(t.db);
    topicId = (await helpTopic(t.db, dept.id)).id;
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id], role: "All access" })).id);
    await saveSettings(t.db, { helpdeskUrl: "https://help.example.com", helpdeskName: "ACME Help" });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const custom = { key: "new_ticket", subject: "We got it, {{requester.name}}", textBody: "Thanks {{requester.name}}!\nLink: {{ticket.link}}", htmlBody: "<p>Thanks <b>{{requester.name}}</b></p>" };
  const open = (name: string) => openTicket(t.db, { name, email: `req-${uid()}@example.com`, helpTopicId: topicId, subject: "Printer <on fire>", message: "Help." });
  const autoResponse = async (ticketNumber: string) => {
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: ticketNumber }, select: { id: true } });
    return t.db.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, toAddress: { startsWith: "req-" } } });
  };

  it("refuses a signed-out caller and an agent; nothing is stored", async () => {
    state.actor = null;
    expect(await saveMailTemplateAction(custom)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    state.actor = agent;
    expect(await saveMailTemplateAction(custom)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await resetMailTemplateAction({ key: "new_ticket" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await previewMailTemplateAction(custom)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await t.db.mailTemplate.count()).toBe(0);
  });

  it("answers a bad template with field errors naming the problem", async () => {
    state.actor = admin;
    const result = await saveMailTemplateAction({ ...custom, subject: "{{ticket.numbr}}", textBody: "{{#thread}}", htmlBody: "" });
    expect(result).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { subject: expect.stringContaining("{{ticket.numbr}}"), textBody: expect.stringMatching(/^Template error on line \d+, column \d+: the section \{\{#thread\}\} is never closed/), htmlBody: "Write the HTML part." },
    });
    expect(await saveMailTemplateAction({ ...custom, key: "nonsense" })).toMatchObject({ ok: false, fieldErrors: { key: "Unknown kind of mail." } });
    expect(await t.db.mailTemplate.count()).toBe(0);
  });

  it("previews with sample values without storing anything", async () => {
    state.actor = admin;
    const result = await previewMailTemplateAction(custom);
    expect(result).toMatchObject({ ok: true, data: { subject: "[#482913] We got it, Ken Adams", text: expect.stringContaining("Link: https://help.example.com/t/482913/") } });
    expect(await t.db.mailTemplate.count()).toBe(0);
  });

  it("saves with an audit row; the outbox uses it (HTML escaped, [#number] kept) until it is reset", async () => {
    state.actor = admin;
    expect(await saveMailTemplateAction(custom)).toEqual({ ok: true, data: { key: "new_ticket", version: expect.any(String) } });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "mail-template", entityId: "new_ticket", action: "update" } });
    expect(audit.actorStaffId).toBe(admin.id);
    expect(JSON.parse(audit.before!)).toMatchObject({ customised: false, subject: DEFAULT_TEMPLATES.new_ticket.subject });
    expect(JSON.parse(audit.after!)).toMatchObject({ customised: true, subject: custom.subject });

    const opened = await open("Ann <Admin>");
    const mail = await autoResponse(opened.number);
    expect(mail.subject).toBe(`[#${opened.number}] We got it, Ann <Admin>`);
    expect(mail.textBody).toBe(`Thanks Ann <Admin>!\nLink: https://help.example.com${opened.linkPath}`);
    expect(mail.htmlBody).toContain("<p>Thanks <b>Ann &lt;Admin&gt;</b></p>");
    expect(JSON.parse(mail.headers!)["Message-ID"]).toMatch(new RegExp(`^<ticket\\.${opened.number}\\.`));

    expect(await resetMailTemplateAction({ key: "new_ticket" })).toEqual({ ok: true, data: { key: "new_ticket", changed: true, version: expect.any(String) } });
    expect(await t.db.mailTemplate.count()).toBe(0);
    expect(await t.db.auditLog.count({ where: { entity: "mail-template", action: "reset" } })).toBe(1);
    const again = await open("Bob");
    expect((await autoResponse(again.number)).textBody).toContain("We received your request “Printer <on fire>”");
    // Resetting a default changes nothing and records nothing.
    expect(await resetMailTemplateAction({ key: "new_ticket" })).toEqual({ ok: true, data: { key: "new_ticket", changed: false, version: expect.any(String) } });
    expect(await t.db.auditLog.count({ where: { entity: "mail-template", action: "reset" } })).toBe(1);
  });

  it("refuses a save or a reset from a page opened before another admin's save; theirs stays", async () => {
    const other = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    state.actor = admin;
    const opened = (await mailTemplateToEdit(admin, "resolved")).version;
    expect((await mailTemplateToEdit(other, "resolved")).version).toBe(opened);
    const theirs = { key: "resolved", subject: "Closed: {{ticket.subject}}", textBody: "Closed by us.", htmlBody: "<p>Closed by us.</p>" };
    state.actor = other;
    const saved = await saveMailTemplateAction({ ...theirs, version: opened });
    expect(saved).toMatchObject({ ok: true });

    state.actor = admin;
    expect(await saveMailTemplateAction({ ...theirs, textBody: "Mine.", htmlBody: "<p>Mine.</p>", version: opened })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await resetMailTemplateAction({ key: "resolved", version: opened })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await t.db.mailTemplate.findUniqueOrThrow({ where: { key: "resolved" } })).toMatchObject({ textBody: "Closed by us." });
    expect(await t.db.auditLog.count({ where: { entity: "mail-template", entityId: "resolved" } })).toBe(1);

    // From the latest version (the one their save returned), saving and then resetting from one page work.
    const latest = (await mailTemplateToEdit(admin, "resolved")).version;
    expect(latest).toBe((saved as { data: { version: string } }).data.version);
    const mine = await saveMailTemplateAction({ ...theirs, textBody: "Mine.", htmlBody: "<p>Mine.</p>", version: latest });
    expect(mine).toMatchObject({ ok: true });
    expect(await resetMailTemplateAction({ key: "resolved", version: (mine as { data: { version: string } }).data.version })).toMatchObject({ ok: true, data: { changed: true } });
  });

  it("falls back to the built-in text when a stored template no longer validates", async () => {
    await t.db.mailTemplate.create({ data: { key: "new_ticket", subject: "{{gone}}", textBody: "{{gone}}", htmlBody: "x" } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const opened = await open("Cy");
    expect((await autoResponse(opened.number)).subject).toBe(`[#${opened.number}] Printer <on fire>`);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
    await t.db.mailTemplate.delete({ where: { key: "new_ticket" } });
  });
});
