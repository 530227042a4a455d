// The sign-in settings screen's service against real SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { updateSettings } from "@/lib/config/settings/service";
import { signInSettingsForEdit, updateSignInSettings } from "@/lib/config/settings/sign-in";
import { checkSession, startSession } from "@/lib/auth/sessions";
import { loadSettings, saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, staff } from "./factories";
import { expectAppError, staffWithPassword } from "./sign-in-support";

const ENTRA = { AUTH_ENTRA_ISSUER: "https://login.microsoftonline.com/tenant/v2.0", AUTH_ENTRA_CLIENT_ID: "client", AUTH_ENTRA_CLIENT_SECRET: "secret" };
const form = (extra: Record<string, unknown> = {}) => ({ jitDomains: "", requireSso: false, breakGlassStaffId: "", requireTwoFactor: "off" as const, ...extra });

describe.each(testDatabaseKinds())("sign-in settings on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });
  afterEach(async () => {
    for (const key of Object.keys(ENTRA)) delete process.env[key];
    await saveSettings(t.db, { signInRequireSso: false, signInBreakGlassStaffId: null, signInJitDomains: [], signInRequireTwoFactor: "off" });
  });

  it("saves domains and the two-factor rule, audited; agents cannot", async () => {
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    await expectAppError(updateSignInSettings(t.db, admin, form({ jitDomains: "contoso.com, not a domain" }), null), "INVALID", "jitDomains");
    expect(await updateSignInSettings(t.db, admin, form({ jitDomains: "Contoso.com\n@fabrikam.example, contoso.com", requireTwoFactor: "admins" }), null)).toMatchObject({ changed: true, sessionsEnded: 0 });
    expect(await loadSettings(t.db)).toMatchObject({ signInJitDomains: ["contoso.com", "fabrikam.example"], signInRequireTwoFactor: "admins", signInRequireSso: false });
    expect((await signInSettingsForEdit(t.db, admin)).values).toMatchObject({ jitDomains: "contoso.com, fabrikam.example", requireTwoFactor: "admins" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "sign-in-settings" }, orderBy: { id: "desc" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ justInTimeDomains: ["contoso.com", "fabrikam.example"], twoFactorRequiredFor: "admins" });
    expect(await updateSignInSettings(t.db, admin, form({ jitDomains: "contoso.com fabrikam.example", requireTwoFactor: "admins" }), null)).toMatchObject({ changed: false, sessionsEnded: 0 });
    const agent = await actorFor(t.db, (await staff(t.db)).id);
    await expectAppError(updateSignInSettings(t.db, agent, form(), null), "FORBIDDEN");
  });

  it("requires single sign-on only with a provider and a break-glass admin who has a password", async () => {
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    await expectAppError(updateSignInSettings(t.db, admin, form({ requireSso: true, breakGlassStaffId: String(admin.id) }), null), "INVALID", "requireSso");
    Object.assign(process.env, ENTRA);
    await expectAppError(updateSignInSettings(t.db, admin, form({ requireSso: true }), null), "INVALID", "breakGlassStaffId");
    const agent = await staffWithPassword(t.db);
    await expectAppError(updateSignInSettings(t.db, admin, form({ requireSso: true, breakGlassStaffId: String(agent.id) }), null), "INVALID", "breakGlassStaffId");
    const noPassword = await staff(t.db, { admin: true });
    await expectAppError(updateSignInSettings(t.db, admin, form({ requireSso: true, breakGlassStaffId: String(noPassword.id) }), null), "INVALID", "breakGlassStaffId");
  });

  it("refuses to turn passwords off for the admin doing it from a password session, unless they are the break-glass account", async () => {
    Object.assign(process.env, ENTRA);
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    const other = await staffWithPassword(t.db, { admin: true });
    await expectAppError(updateSignInSettings(t.db, admin, form({ requireSso: true, breakGlassStaffId: String(other.id) }), { id: "x", method: "password" }), "CONFLICT");
    expect((await loadSettings(t.db)).signInRequireSso).toBe(false);
  });

  it("turning passwords off ends every password session but the break-glass admin's; single sign-on sessions stay", async () => {
    Object.assign(process.env, ENTRA);
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    const agent = await staffWithPassword(t.db);
    const start = (staffId: number, method: "password" | "entra") => startSession(t.db, { staffId, method, clientAddress: null, userAgent: null });
    const [agentPassword, agentSso, adminPassword] = [await start(agent.id, "password"), await start(agent.id, "entra"), await start(admin.id, "password")];
    const result = await updateSignInSettings(t.db, admin, form({ requireSso: true, breakGlassStaffId: String(admin.id) }), { id: adminPassword.id, method: "password" });
    expect(result.changed).toBe(true);
    expect((await checkSession(t.db, agentPassword.secret)).state).toBe("none");
    expect((await checkSession(t.db, agentSso.secret)).state).toBe("active");
    expect((await checkSession(t.db, adminPassword.secret)).state).toBe("active");
    expect(await loadSettings(t.db)).toMatchObject({ signInRequireSso: true, signInBreakGlassStaffId: admin.id });
  });

  it("saving the general settings screen leaves the sign-in settings alone", async () => {
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    await saveSettings(t.db, { signInJitDomains: ["contoso.com"], signInRequireTwoFactor: "everyone" });
    await updateSettings(t.db, admin, {
      helpdeskName: "Acme Support", helpdeskUrl: "", timeZone: "UTC", ticketNumberMode: "random", ticketNumberPrefix: "",
      attachmentMaxFileMb: "5", attachmentMaxFiles: "3", attachmentMaxTotalMb: "12", attachmentAllowedTypes: ".pdf", requesterCanClose: true, requesterCanReopen: true, reopenWithinDays: "14",
    });
    expect(await loadSettings(t.db)).toMatchObject({ helpdeskName: "Acme Support", signInJitDomains: ["contoso.com"], signInRequireTwoFactor: "everyone" });
  });
});
