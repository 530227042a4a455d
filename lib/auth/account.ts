import "server-only";
// /agent/account: what every staff member manages for themselves. Each use case takes the actor
// from the session and touches only the actor's own rows.
import { recordAudit } from "@/lib/server/audit/record";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { enforceLimits } from "@/lib/server/rate-limit";
import { loadSettings } from "@/lib/settings/store";
import type { StaffActor } from "./actor";
import { ZChangePassword, ZProvider, ZSecondFactorCode, ZSessionId, ZTurnOffTwoFactor, type ChangePasswordInput, type SecondFactorCodeInput, type TurnOffTwoFactorInput } from "./account-schemas";
import { parseInput } from "@/lib/server/admin-write";
import { hashPassword, verifyPassword } from "./password";
import { activeSessions, endAllSessions, endSession, type SessionSummary } from "./sessions";
import { ssoProviders, type SsoProviderInfo } from "./sso-config";
import { twoFactorRequired } from "./two-factor-policy";
import { beginEnrolment, confirmEnrolment, regenerateRecoveryCodes, removeTwoFactor, twoFactorStatus, type Enrolment } from "./two-factor";
import { createLinkIntent } from "./link-intents";

const MINUTE = 60_000;

export type AccountOverview = {
  name: string;
  email: string;
  username: string;
  isAdmin: boolean;
  hasPassword: boolean;
  /** Passwords are off for this person (single sign-on required and they are not the break-glass admin). */
  passwordsOff: boolean;
  twoFactor: { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; required: boolean };
  providers: (SsoProviderInfo & { linked: { email: string; createdAt: Date; lastUsedAt: Date | null } | null })[];
  sessions: (SessionSummary & { current: boolean })[];
};

export async function accountOverview(db: Db, actor: StaffActor, currentSessionId: string): Promise<AccountOverview> {
  const [staff, settings, twoFactor, identities, sessions] = await Promise.all([
    db.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, email: true, username: true, passwordHash: true } }),
    loadSettings(db),
    twoFactorStatus(db, actor.id),
    db.staffIdentity.findMany({ where: { staffId: actor.id } }),
    activeSessions(db, actor.id),
  ]);
  return {
    name: staff.name,
    email: staff.email,
    username: staff.username,
    isAdmin: actor.isAdmin,
    hasPassword: !!staff.passwordHash,
    passwordsOff: settings.signInRequireSso && settings.signInBreakGlassStaffId !== actor.id,
    twoFactor: { ...twoFactor, required: twoFactorRequired(settings.signInRequireTwoFactor, actor.isAdmin) },
    providers: ssoProviders().map((p) => {
      const linked = identities.find((i) => i.provider === p.id);
      return { ...p, linked: linked ? { email: linked.email, createdAt: linked.createdAt, lastUsedAt: linked.lastUsedAt } : null };
    }),
    sessions: sessions.map((s) => ({ ...s, current: s.id === currentSessionId })),
  };
}

async function audit(db: Db, actor: StaffActor, action: string, after: Record<string, unknown> = {}) {
  await db.$transaction((tx) => recordAudit(tx, actor, { entity: "account", entityId: actor.id, action, after }));
}

/** A wrong current password counts towards a limit, so a stolen session cannot guess the password. */
async function checkCurrentPassword(db: Db, actor: StaffActor, password: string, field: string): Promise<void> {
  await enforceLimits(db, [{ key: `account-password:${actor.id}`, max: 10, windowMs: 15 * MINUTE }]);
  const staff = await db.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(staff.passwordHash, password))) throw invalid({ [field]: "That is not your current password." });
}

/** A new password; every other session of the account ends, this one stays. */
export async function changePassword(db: Db, actor: StaffActor, currentSessionId: string, raw: ChangePasswordInput): Promise<{ endedSessions: number }> {
  const input = parseInput(ZChangePassword, raw);
  const settings = await loadSettings(db);
  if (settings.signInRequireSso && settings.signInBreakGlassStaffId !== actor.id) throw new AppError("FORBIDDEN", "Passwords are off: this help desk requires single sign-on.");
  await checkCurrentPassword(db, actor, input.current, "current");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: actor.id }, data: { passwordHash } });
    const endedSessions = await endAllSessions(tx, actor.id, "password-change", { except: currentSessionId });
    await tx.staffToken.updateMany({ where: { staffId: actor.id, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit(tx, actor, { entity: "account", entityId: actor.id, action: "change-password", after: { password: "changed", otherSessionsEnded: endedSessions } });
    return { endedSessions };
  });
}

/** Ends one of the actor's own sessions; says whether it was the current one (then the page signs out). */
export async function endOwnSession(db: Db, actor: StaffActor, currentSessionId: string, raw: unknown): Promise<{ current: boolean }> {
  const { id } = parseInput(ZSessionId, raw);
  const row = await db.staffSession.findFirst({ where: { id, staffId: actor.id } });
  if (!row) throw notFound("session");
  await endSession(db, id, "sign-out");
  return { current: id === currentSessionId };
}

export async function endOwnSessionsEverywhere(db: Db, actor: StaffActor): Promise<{ ended: number }> {
  return db.$transaction(async (tx) => {
    const ended = await endAllSessions(tx, actor.id, "signed-out-everywhere");
    await recordAudit(tx, actor, { entity: "account", entityId: actor.id, action: "sign-out-everywhere", after: { sessionsEnded: ended } });
    return { ended };
  });
}

export async function startTwoFactorEnrolment(db: Db, actor: StaffActor): Promise<Enrolment> {
  return beginEnrolment(db, actor.id);
}

export async function confirmTwoFactorEnrolment(db: Db, actor: StaffActor, currentSessionId: string, raw: SecondFactorCodeInput): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZSecondFactorCode, raw);
  const result = await confirmEnrolment(db, actor.id, code, currentSessionId);
  await audit(db, actor, "two-factor-on");
  return result;
}

export async function newRecoveryCodes(db: Db, actor: StaffActor, raw: SecondFactorCodeInput): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZSecondFactorCode, raw);
  const result = await regenerateRecoveryCodes(db, actor.id, code);
  await audit(db, actor, "recovery-codes-renewed");
  return result;
}

export async function turnOffTwoFactor(db: Db, actor: StaffActor, raw: TurnOffTwoFactorInput): Promise<void> {
  const { password } = parseInput(ZTurnOffTwoFactor, raw);
  if (twoFactorRequired((await loadSettings(db)).signInRequireTwoFactor, actor.isAdmin)) throw new AppError("FORBIDDEN", "Two-factor authentication is required for your account, so it cannot be turned off. For a lost phone, ask another administrator to reset it.");
  await checkCurrentPassword(db, actor, password, "password");
  await db.$transaction(async (tx) => {
    if (!(await removeTwoFactor(tx, actor.id))) throw new AppError("CONFLICT", "Two-factor authentication is already off.");
    await recordAudit(tx, actor, { entity: "account", entityId: actor.id, action: "two-factor-off" });
  });
}

/** The first half of linking: a one-use request the next sign-in with `provider` in this browser completes. */
export async function startLink(db: Db, actor: StaffActor, currentSessionId: string, raw: unknown): Promise<{ secret: string; provider: string }> {
  const { provider } = parseInput(ZProvider, raw);
  if (!ssoProviders().some((p) => p.id === provider)) throw new AppError("INVALID", "That sign-in provider is not set up on this help desk.");
  if (await db.staffIdentity.findUnique({ where: { staffId_provider: { staffId: actor.id, provider } } })) throw new AppError("CONFLICT", "An account of this provider is already linked. Unlink it first.");
  return { secret: await createLinkIntent(db, { staffId: actor.id, sessionId: currentSessionId, provider }), provider };
}

export async function unlinkIdentity(db: Db, actor: StaffActor, raw: unknown): Promise<void> {
  const { provider } = parseInput(ZProvider, raw);
  await db.$transaction(async (tx) => {
    const identity = await tx.staffIdentity.findUnique({ where: { staffId_provider: { staffId: actor.id, provider } } });
    if (!identity) throw new AppError("CONFLICT", "No account of this provider is linked.");
    await tx.staffIdentity.delete({ where: { id: identity.id } });
    await recordAudit(tx, actor, { entity: "account", entityId: actor.id, action: "unlink-sign-in", before: { provider, email: identity.email } });
  });
}
