// TOTP two-factor against real SQLite and PostgreSQL: enrolment, codes used once, recovery codes,
// throttling, the requirement at sign-in, and an administrator's reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetAgentTwoFactor } from "@/lib/config/agents/sign-in";
import { turnOffTwoFactor } from "@/lib/auth/account";
import { checkSession, startSession } from "@/lib/auth/sessions";
import { completeSecondFactor, confirmEnrolmentAtSignIn, startEnrolmentAtSignIn } from "@/lib/auth/sign-in-steps";
import { TOTP_PERIOD_SECONDS, totpCodeAt } from "@/lib/auth/totp";
import { beginEnrolment, confirmEnrolment, FREE_ATTEMPTS, twoFactorStatus, verifySecondFactor } from "@/lib/auth/two-factor";
import { openSecret } from "@/lib/server/secret-box";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor } from "./factories";
import { expectAppError, PASSWORD, staffWithPassword } from "./sign-in-support";

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

describe.each(testDatabaseKinds())("two-factor on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  /** A staff member with two-factor on; returns the seed (as the phone has it) and the recovery codes. */
  async function enrolled(at = new Date("2026-12-01T09:00:00Z")) {
    const s = await staffWithPassword(t.db);
    const { secret } = await beginEnrolment(t.db, s.id, at);
    const { recoveryCodes } = await confirmEnrolment(t.db, s.id, totpCodeAt(secret, at), null, at);
    return { staff: s, secret, recoveryCodes, at };
  }

  it("enrols with a QR code and a code from the new seed; the seed is stored sealed", async () => {
    const s = await staffWithPassword(t.db);
    const now = new Date("2026-12-01T09:00:00Z");
    const enrolment = await beginEnrolment(t.db, s.id, now);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    await expectAppError(confirmEnrolment(t.db, s.id, "000000", null, now), "INVALID", "code");
    expect((await twoFactorStatus(t.db, s.id)).enabled).toBe(false);
    const { recoveryCodes } = await confirmEnrolment(t.db, s.id, totpCodeAt(enrolment.secret, now), null, now);
    expect(recoveryCodes).toHaveLength(10);
    const row = await t.db.staffTwoFactor.findUniqueOrThrow({ where: { staffId: s.id } });
    expect(row.secret).not.toContain(enrolment.secret);
    expect(openSecret(row.secret!)).toBe(enrolment.secret);
    expect(row).toMatchObject({ pendingSecret: null, failedAttempts: 0 });
    const stored = await t.db.recoveryCode.findMany({ where: { staffId: s.id } });
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
    expect(await twoFactorStatus(t.db, s.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    await expectAppError(beginEnrolment(t.db, s.id, now), "CONFLICT");
  });

  it("refuses an expired enrolment", async () => {
    const s = await staffWithPassword(t.db);
    const now = new Date("2026-12-01T09:00:00Z");
    const { secret } = await beginEnrolment(t.db, s.id, now);
    const late = new Date(now.getTime() + 16 * 60_000);
    await expectAppError(confirmEnrolment(t.db, s.id, totpCodeAt(secret, late), null, late), "CONFLICT");
  });

  it("accepts a code once: the same code again, or an older one, is refused", async () => {
    const { staff, secret, at } = await enrolled();
    const next = new Date(at.getTime() + STEP_MS);
    expect(await verifySecondFactor(t.db, staff.id, totpCodeAt(secret, next), next)).toBe("totp");
    const reused = await expectAppError(verifySecondFactor(t.db, staff.id, totpCodeAt(secret, next), next), "INVALID", "code");
    expect(reused.message).toMatch(/already used/);
    // The enrolment code's step is older than the last accepted one, though still inside the window.
    await expectAppError(verifySecondFactor(t.db, staff.id, totpCodeAt(secret, at), next), "INVALID", "code");
    const later = new Date(at.getTime() + 2 * STEP_MS);
    expect(await verifySecondFactor(t.db, staff.id, totpCodeAt(secret, later), later)).toBe("totp");
    await expectAppError(verifySecondFactor(t.db, staff.id, "123456", later), "INVALID", "code");
  });

  it("lets only one of two simultaneous submissions of a code through", async () => {
    const { staff, secret, at } = await enrolled();
    const next = new Date(at.getTime() + STEP_MS);
    const results = await Promise.allSettled([1, 2, 3].map(() => verifySecondFactor(t.db, staff.id, totpCodeAt(secret, next), next)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("takes each recovery code once, in any spelling", async () => {
    const { staff, recoveryCodes, at } = await enrolled();
    expect(await verifySecondFactor(t.db, staff.id, recoveryCodes[3].toLowerCase().replace(/-/g, " "), at)).toBe("recovery");
    await expectAppError(verifySecondFactor(t.db, staff.id, recoveryCodes[3], at), "INVALID", "code");
    expect((await twoFactorStatus(t.db, staff.id)).recoveryCodesLeft).toBe(9);
  });

  it("pauses code entry after too many wrong codes, growing, and lets a right code in after the pause", async () => {
    const { staff, secret, at } = await enrolled();
    let now = new Date(at.getTime() + STEP_MS);
    for (let i = 0; i < FREE_ATTEMPTS; i++) await expectAppError(verifySecondFactor(t.db, staff.id, "000000", now), "INVALID");
    // Even the right code is refused while paused.
    await expectAppError(verifySecondFactor(t.db, staff.id, totpCodeAt(secret, now), now), "RATE_LIMITED");
    const first = (await t.db.staffTwoFactor.findUniqueOrThrow({ where: { staffId: staff.id } })).lockedUntil!;
    expect(first.getTime() - now.getTime()).toBe(30_000);
    now = new Date(first.getTime() + 1000);
    await expectAppError(verifySecondFactor(t.db, staff.id, "999999", now), "INVALID");
    const second = (await t.db.staffTwoFactor.findUniqueOrThrow({ where: { staffId: staff.id } })).lockedUntil!;
    expect(second.getTime() - now.getTime()).toBe(60_000);
    now = new Date(second.getTime() + 1000);
    expect(await verifySecondFactor(t.db, staff.id, totpCodeAt(secret, now), now)).toBe("totp");
    expect(await t.db.staffTwoFactor.findUniqueOrThrow({ where: { staffId: staff.id } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it("a password session of an enrolled person opens nothing until a code is entered", async () => {
    const { staff, secret } = await enrolled(new Date());
    const session = await startSession(t.db, { staffId: staff.id, method: "password", clientAddress: null, userAgent: null });
    const pending = await checkSession(t.db, session.secret);
    expect(pending).toMatchObject({ state: "second-factor", need: "code" });
    // Wait for the next step: the enrolment used this one.
    const next = new Date(Date.now() + STEP_MS);
    await expectAppError(completeSecondFactor(t.db, pending, { code: totpCodeAt(secret, new Date(Date.now() - 5 * STEP_MS)) }), "INVALID", "code");
    await completeSecondFactor(t.db, pending, { code: totpCodeAt(secret, next) });
    expect(await checkSession(t.db, session.secret)).toMatchObject({ state: "active" });
    // A single sign-on session is the identity provider's business.
    const sso = await startSession(t.db, { staffId: staff.id, method: "entra", clientAddress: null, userAgent: null });
    expect((await checkSession(t.db, sso.secret)).state).toBe("active");
  });

  it("when required for admins, an admin without it must set it up at sign-in; agents are not asked", async () => {
    await saveSettings(t.db, { signInRequireTwoFactor: "admins" });
    try {
      const admin = await staffWithPassword(t.db, { admin: true });
      const agent = await staffWithPassword(t.db);
      const agentSession = await startSession(t.db, { staffId: agent.id, method: "password", clientAddress: null, userAgent: null });
      expect((await checkSession(t.db, agentSession.secret)).state).toBe("active");
      const session = await startSession(t.db, { staffId: admin.id, method: "password", clientAddress: null, userAgent: null });
      const pending = await checkSession(t.db, session.secret);
      expect(pending).toMatchObject({ state: "second-factor", need: "enrol" });
      await expectAppError(completeSecondFactor(t.db, pending, { code: "123456" }), "CONFLICT");
      const { secret } = await startEnrolmentAtSignIn(t.db, pending);
      const { recoveryCodes } = await confirmEnrolmentAtSignIn(t.db, pending, { code: totpCodeAt(secret, new Date()) });
      expect(recoveryCodes).toHaveLength(10);
      expect((await checkSession(t.db, session.secret)).state).toBe("active");
      expect(await t.db.auditLog.count({ where: { entity: "account", entityId: String(admin.id), action: "two-factor-on" } })).toBe(1);
      // Required means it cannot be turned off by its owner.
      await expectAppError(turnOffTwoFactor(t.db, await actorFor(t.db, admin.id), { password: PASSWORD }), "FORBIDDEN");
    } finally {
      await saveSettings(t.db, { signInRequireTwoFactor: "off" });
    }
  });

  it("a pending sign-in expires after ten minutes", async () => {
    const { staff } = await enrolled(new Date());
    const start = new Date();
    const session = await startSession(t.db, { staffId: staff.id, method: "password", clientAddress: null, userAgent: null }, start);
    expect((await checkSession(t.db, session.secret, new Date(start.getTime() + 11 * 60_000))).state).toBe("none");
  });

  it("another admin resets a lost authenticator (audited); nobody resets their own; agents cannot", async () => {
    const { staff } = await enrolled();
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    await expectAppError(resetAgentTwoFactor(t.db, await actorFor(t.db, staff.id), { id: staff.id }), "FORBIDDEN");
    await expectAppError(resetAgentTwoFactor(t.db, admin, { id: admin.id }), "FORBIDDEN");
    await resetAgentTwoFactor(t.db, admin, { id: staff.id });
    expect(await twoFactorStatus(t.db, staff.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await t.db.recoveryCode.count({ where: { staffId: staff.id } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { entity: "agent", entityId: String(staff.id), action: "reset-two-factor", actorStaffId: admin.id } })).toBe(1);
    await expectAppError(resetAgentTwoFactor(t.db, admin, { id: staff.id }), "CONFLICT");
  });

  it("its owner turns it off with their password", async () => {
    const { staff } = await enrolled();
    const actor = await actorFor(t.db, staff.id);
    await expectAppError(turnOffTwoFactor(t.db, actor, { password: "not my password" }), "INVALID", "password");
    await turnOffTwoFactor(t.db, actor, { password: PASSWORD });
    expect((await twoFactorStatus(t.db, staff.id)).enabled).toBe(false);
  });
});
