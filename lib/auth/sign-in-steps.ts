import "server-only";
// The second step of a password sign-in: the session exists but opens nothing until the person
// enters a code (or a recovery code), or, when two-factor is required and they have none yet,
// sets it up. The services take the pending session's state, never a staff id from the browser.
import { recordAudit } from "@/lib/server/audit/record";
import { AppError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { parseInput } from "@/lib/server/admin-write";
import { ZSecondFactorCode, type SecondFactorCodeInput } from "./account-schemas";
import { loadActor } from "./load-actor";
import { markSecondFactorDone, type SessionState } from "./sessions";
import { beginEnrolment, confirmEnrolment, verifySecondFactor, type Enrolment } from "./two-factor";

type Pending = Extract<SessionState, { state: "second-factor" }>;

export function requirePending(state: SessionState, need: Pending["need"]): Pending {
  if (state.state !== "second-factor") throw new AppError("UNAUTHENTICATED", "Your sign-in has expired or already finished. Sign in again.");
  if (state.need !== need) throw new AppError("CONFLICT", need === "code" ? "Set up two-factor authentication first." : "Two-factor authentication is already set up: enter a code.");
  return state;
}

async function auditSelf(db: Db, staffId: number, action: string) {
  const actor = await loadActor(db, staffId);
  if (actor) await db.$transaction((tx) => recordAudit(tx, actor, { entity: "account", entityId: staffId, action }));
}

export async function completeSecondFactor(db: Db, state: SessionState, raw: SecondFactorCodeInput): Promise<{ usedRecoveryCode: boolean; recoveryCodesLeft: number }> {
  const pending = requirePending(state, "code");
  const { code } = parseInput(ZSecondFactorCode, raw);
  const kind = await verifySecondFactor(db, pending.staffId, code);
  await markSecondFactorDone(db, pending.sessionId);
  if (kind === "recovery") await auditSelf(db, pending.staffId, "recovery-code-used");
  const recoveryCodesLeft = await db.recoveryCode.count({ where: { staffId: pending.staffId, usedAt: null } });
  return { usedRecoveryCode: kind === "recovery", recoveryCodesLeft };
}

export async function startEnrolmentAtSignIn(db: Db, state: SessionState): Promise<Enrolment> {
  return beginEnrolment(db, requirePending(state, "enrol").staffId);
}

export async function confirmEnrolmentAtSignIn(db: Db, state: SessionState, raw: SecondFactorCodeInput): Promise<{ recoveryCodes: string[] }> {
  const pending = requirePending(state, "enrol");
  const { code } = parseInput(ZSecondFactorCode, raw);
  const result = await confirmEnrolment(db, pending.staffId, code, pending.sessionId);
  await auditSelf(db, pending.staffId, "two-factor-on");
  return result;
}
