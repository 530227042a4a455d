import "server-only";
// An administrator's view of and hold on another staff member's sign-in: their sessions (end them
// all), two-factor (reset it for a lost phone; never one's own: another admin must), linked
// single sign-on accounts. Every change is audited.
import type { StaffActor } from "@/lib/auth/actor";
import { activeSessions, endAllSessions, type SessionSummary } from "@/lib/auth/sessions";
import { removeTwoFactor, twoFactorStatus } from "@/lib/auth/two-factor";
import { AppError, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, parseInput } from "@/lib/server/admin-write";
import { recordAudit } from "@/lib/server/audit/record";
import { ZById, type ByIdInput } from "@/lib/config/shared/fields";

export type AgentSignInFacts = {
  sessions: SessionSummary[];
  twoFactor: Awaited<ReturnType<typeof twoFactorStatus>>;
  identities: { provider: string; email: string; createdAt: Date; lastUsedAt: Date | null }[];
  hasPassword: boolean;
};

export async function agentSignInFacts(db: Db, actor: StaffActor, staffId: number): Promise<AgentSignInFacts> {
  assertAdmin(actor);
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { passwordHash: true } });
  if (!staff) throw notFound("agent");
  const [sessions, twoFactor, identities] = await Promise.all([
    activeSessions(db, staffId),
    twoFactorStatus(db, staffId),
    db.staffIdentity.findMany({ where: { staffId }, select: { provider: true, email: true, createdAt: true, lastUsedAt: true }, orderBy: { provider: "asc" } }),
  ]);
  return { sessions, twoFactor, identities, hasPassword: !!staff.passwordHash };
}

async function load(tx: Tx, id: number) {
  const staff = await tx.staff.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!staff) throw notFound("agent");
  return staff;
}

/** Signs the staff member out everywhere, now. */
export async function endAgentSessions(db: Db, actor: StaffActor, raw: ByIdInput): Promise<{ ended: number }> {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    await load(tx, id);
    const ended = await endAllSessions(tx, id, "ended-by-admin");
    await recordAudit(tx, actor, { entity: "agent", entityId: id, action: "end-sessions", after: { sessionsEnded: ended } });
    return { ended };
  });
}

/** Removes a lost authenticator: the person signs in with their password alone and sets it up again. */
export async function resetAgentTwoFactor(db: Db, actor: StaffActor, raw: ByIdInput): Promise<{ id: number }> {
  const { id } = parseInput(ZById, raw);
  if (id === actor.id) throw new AppError("FORBIDDEN", "You cannot reset your own two-factor authentication here. Ask another administrator, or use a recovery code.");
  return adminWrite(db, actor, async (tx) => {
    const staff = await load(tx, id);
    if (!(await removeTwoFactor(tx, id))) throw new AppError("CONFLICT", `${staff.name} has no two-factor authentication to reset.`);
    await recordAudit(tx, actor, { entity: "agent", entityId: id, action: "reset-two-factor", before: { twoFactor: "on" }, after: { twoFactor: "off (reset by an administrator)" } });
    return { id };
  });
}
