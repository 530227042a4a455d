import "server-only";
// Two-factor authentication for password sign-ins: TOTP enrolment (QR code), codes checked once per
// time step, recovery codes, and throttling of wrong codes with a growing pause. Seeds are sealed
// with the help desk's encryption key, so a copied database alone cannot produce codes.
import QRCode from "qrcode";
import { AppError, invalid } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { openStoredSecret } from "@/lib/server/sealed-fields";
import { sealSecret } from "@/lib/server/secret-box";
import { loadSettings } from "@/lib/settings/store";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { markSecondFactorDone } from "./sessions";
import { matchTotp, newTotpSecret, totpUri } from "./totp";

const ENROLMENT_MINUTES = 15;
/** Wrong codes allowed in a row before a pause; each further one doubles it, up to MAX_PAUSE_MS. */
export const FREE_ATTEMPTS = 5;
const FIRST_PAUSE_MS = 30_000;
const MAX_PAUSE_MS = 15 * 60_000;

export type Enrolment = { secret: string; uri: string; qrSvg: string };

export function pauseAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export async function twoFactorStatus(db: Db | Tx, staffId: number): Promise<{ enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number }> {
  const [row, left] = await Promise.all([
    db.staffTwoFactor.findUnique({ where: { staffId }, select: { enabledAt: true, secret: true } }),
    db.recoveryCode.count({ where: { staffId, usedAt: null } }),
  ]);
  const enabled = !!row?.enabledAt && !!row.secret;
  return { enabled, enabledAt: enabled ? row!.enabledAt : null, recoveryCodesLeft: enabled ? left : 0 };
}

/** Starts (or restarts) enrolment: a new seed, kept pending until a code from it is entered. */
export async function beginEnrolment(db: Db, staffId: number, now = new Date()): Promise<Enrolment> {
  const staff = await db.staff.findUniqueOrThrow({ where: { id: staffId }, select: { email: true, twoFactor: { select: { enabledAt: true } } } });
  if (staff.twoFactor?.enabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on for this account.");
  const secret = newTotpSecret();
  const pending = { pendingSecret: sealSecret(secret), pendingExpiresAt: new Date(now.getTime() + ENROLMENT_MINUTES * 60_000) };
  await db.staffTwoFactor.upsert({ where: { staffId }, create: { staffId, ...pending }, update: pending });
  const uri = totpUri(secret, staff.email, (await loadSettings(db)).helpdeskName);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

async function refuseWhilePaused(db: Db | Tx, staffId: number, now: Date): Promise<void> {
  const row = await db.staffTwoFactor.findUnique({ where: { staffId }, select: { lockedUntil: true } });
  if (row?.lockedUntil && row.lockedUntil > now) {
    const seconds = Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError("RATE_LIMITED", `Too many wrong codes. Wait ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}, then try again.`, { code: "Too many wrong codes; wait a moment." });
  }
}

async function recordWrongCode(db: Db, staffId: number, now: Date, message: string): Promise<never> {
  const row = await db.staffTwoFactor.update({ where: { staffId }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
  const pause = pauseAfter(row.failedAttempts);
  if (pause) await db.staffTwoFactor.update({ where: { staffId }, data: { lockedUntil: new Date(now.getTime() + pause) } });
  throw invalid({ code: message }, message);
}

/**
 * Accepts a TOTP code at most once: the step it matched must be later than the last accepted one,
 * checked and written in one conditional update so two simultaneous submissions cannot both pass.
 */
async function acceptStep(tx: Db | Tx, staffId: number, step: number): Promise<boolean> {
  const updated = await tx.staffTwoFactor.updateMany({ where: { staffId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] }, data: { lastUsedStep: step, failedAttempts: 0, lockedUntil: null } });
  return updated.count === 1;
}

/** Confirms enrolment with a code from the new seed; returns the recovery codes, shown this once. */
export async function confirmEnrolment(db: Db, staffId: number, code: string, sessionId: string | null, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  await refuseWhilePaused(db, staffId, now);
  const row = await db.staffTwoFactor.findUnique({ where: { staffId } });
  if (row?.enabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on for this account.");
  if (!row?.pendingSecret || !row.pendingExpiresAt || row.pendingExpiresAt <= now) throw new AppError("CONFLICT", "The set-up has expired. Start again to get a new QR code.");
  const step = matchTotp(openStoredSecret(row.pendingSecret, "the two-factor seed"), code, now);
  if (step === null) return recordWrongCode(db, staffId, now, "That code does not match. Check the time on your phone and enter the code your app shows now.");
  const codes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const confirmed = await tx.staffTwoFactor.updateMany({
      where: { staffId, enabledAt: null, pendingSecret: row.pendingSecret },
      data: { secret: row.pendingSecret, enabledAt: now, lastUsedStep: step, pendingSecret: null, pendingExpiresAt: null, failedAttempts: 0, lockedUntil: null },
    });
    if (confirmed.count !== 1) throw new AppError("CONFLICT", "Two-factor authentication was set up in another window. Reload the page.");
    await replaceRecoveryCodes(tx, staffId, codes);
    if (sessionId) await markSecondFactorDone(tx, sessionId, now);
  });
  return { recoveryCodes: codes };
}

async function replaceRecoveryCodes(tx: Tx, staffId: number, codes: string[]): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { staffId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ staffId, codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!) })) });
}

/**
 * Checks a second factor: a six-digit code from the app, or a recovery code (used up). Wrong ones
 * count towards the pause. Returns which kind was used.
 */
export async function verifySecondFactor(db: Db, staffId: number, input: string, now = new Date()): Promise<"totp" | "recovery"> {
  await refuseWhilePaused(db, staffId, now);
  const row = await db.staffTwoFactor.findUnique({ where: { staffId } });
  if (!row?.enabledAt || !row.secret) throw new AppError("CONFLICT", "Two-factor authentication is not set up for this account.");
  const typed = input.trim();
  if (/^[\d\s]+$/.test(typed)) {
    const step = matchTotp(openStoredSecret(row.secret, "the two-factor seed"), typed, now);
    if (step !== null && (await acceptStep(db, staffId, step))) return "totp";
    return recordWrongCode(db, staffId, now, step === null ? "That code does not match. Enter the code your app shows now." : "That code was already used. Wait for the next one.");
  }
  const normalised = normaliseRecoveryCode(typed);
  if (normalised) {
    const used = await db.recoveryCode.updateMany({ where: { staffId, codeHash: hashRecoveryCode(normalised), usedAt: null }, data: { usedAt: now } });
    if (used.count === 1) {
      await db.staffTwoFactor.update({ where: { staffId }, data: { failedAttempts: 0, lockedUntil: null } });
      return "recovery";
    }
  }
  return recordWrongCode(db, staffId, now, "That is not a valid code or unused recovery code.");
}

/** New recovery codes (the old ones stop working), after a fresh code from the app. */
export async function regenerateRecoveryCodes(db: Db, staffId: number, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const kind = await verifySecondFactor(db, staffId, code, now);
  if (kind !== "totp") throw invalid({ code: "Enter a code from your authenticator app, not a recovery code." });
  const codes = newRecoveryCodes();
  await db.$transaction((tx) => replaceRecoveryCodes(tx, staffId, codes));
  return { recoveryCodes: codes };
}

/** Removes the second factor entirely (seed, pending enrolment, recovery codes). */
export async function removeTwoFactor(tx: Tx, staffId: number): Promise<boolean> {
  const removed = await tx.staffTwoFactor.deleteMany({ where: { staffId } });
  await tx.recoveryCode.deleteMany({ where: { staffId } });
  return removed.count > 0;
}
