// Ids are 32-bit integers. PostgreSQL refuses a larger number in a query (Prisma P2020), so a form or
// address carrying one (a tampered select, a typed URL) must get a field error, "not found" or the
// first page, as on SQLite, never "Something went wrong". Real databases; the session is the test's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, staff, uid } from "./factories";

const state = vi.hoisted(() => ({ db: null as unknown, actor: null as unknown }));
vi.mock("@/lib/server/db", () => ({
  get db() {
    return state.db;
  },
}));
vi.mock("@/lib/server/session", () => ({ getActor: async () => state.actor }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { updateCannedAction } = await import("@/lib/canned/actions");
const { createDepartmentAction } = await import("@/lib/config/departments/actions");
const { createTeamAction } = await import("@/lib/config/teams/actions");
const { createHelpTopicAction } = await import("@/lib/config/help-topics/actions");
const { auditLogPage } = await import("@/lib/config/audit/queries");
const { ZAuditParams } = await import("@/lib/config/audit/log");
const { signInAttemptsPage } = await import("@/lib/config/audit/queries");
const { ZSignInLogParams } = await import("@/lib/config/audit/sign-in-log");
const { inboundPage, outboxPage } = await import("@/lib/mail/admin/queries");
const { ZInboundParams, ZOutboxParams } = await import("@/lib/mail/admin/schemas");

const HUGE = "99999999999";

describe.each(testDatabaseKinds())("ids beyond 32 bits on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    state.db = t.db;
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    state.actor = admin;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("a form's id or reference beyond 32 bits is a field error, not a crash", async () => {
    expect(await updateCannedAction({ id: HUGE, title: "Hello", body: "Hi", departmentId: "" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { id: expect.any(String) } });
    expect(await createTeamAction({ name: `Team ${uid()}`, leadId: "", memberIds: [HUGE], active: true })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { "memberIds.0": expect.any(String) } });
    expect(await createHelpTopicAction({ name: `Topic ${uid()}`, parentId: "", departmentId: HUGE, priorityId: HUGE, slaPlanId: "", active: true, isPublic: true, sortOrder: "0" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { departmentId: expect.any(String), priorityId: expect.any(String) },
    });
    expect(await createDepartmentAction({ name: `Dept ${uid()}`, description: "", managerId: "", slaPlanId: "", defaultAssignee: `staff:${HUGE}`, isPublic: true })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { defaultAssignee: "Choose one of the listed agents or teams." },
    });
  });

  it("a list address beyond 32 bits shows the first page", async () => {
    expect(await createDepartmentAction({ name: `Dept ${uid()}`, description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic: true })).toMatchObject({ ok: true });
    const audit = await auditLogPage(admin, ZAuditParams.parse({ before: HUGE, actor: HUGE }));
    expect(audit.rows.map((r) => r.entity)).toContain("department");
    await expect(signInAttemptsPage(admin, ZSignInLogParams.parse({ before: HUGE }))).resolves.toMatchObject({ rows: [] });
    await expect(inboundPage(admin, ZInboundParams.parse({ before: HUGE }))).resolves.toMatchObject({ rows: [] });
    await expect(outboxPage(admin, ZOutboxParams.parse({ before: HUGE }))).resolves.toMatchObject({ rows: [] });
  });
});
