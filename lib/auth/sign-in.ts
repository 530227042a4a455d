// Checks staff credentials. Returns the staff member, or a reason that is safe to show. Every
// attempt is throttled (throttle.ts) and logged (sign-in-log.ts) with the client's address.
import type { Db } from "@/lib/server/prisma";
import { decoyPasswordHash, verifyPassword } from "./password";
import { isKnownAddress, recordSignInAttempt, type SignInOutcome } from "./sign-in-log";
import { attemptSucceeded, reserveAttempt, throttleKeys } from "./throttle";

export type SignInResult =
  | { ok: true; staff: { id: number; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

export async function checkStaffCredentials(db: Db, input: { email: string; password: string; clientIp: string | null }, now = new Date()): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const address = input.clientIp;
  const staff = await db.staff.findUnique({ where: { email } });
  const log = (outcome: SignInOutcome) => recordSignInAttempt(db, { email, staffId: staff?.id ?? null, address, outcome }, now);

  const reserved = await reserveAttempt(db, throttleKeys(email, address, await isKnownAddress(db, staff?.id ?? null, address, now)), now);
  if (!reserved.ok) {
    await log("throttled");
    return { ok: false, reason: "locked", until: reserved.until };
  }

  const valid = staff
    ? await verifyPassword(staff.passwordHash, input.password)
    : await verifyPassword(await decoyPasswordHash(), input.password + "\u0000");
  if (!staff || !valid || !staff.active) {
    await log(!staff ? "unknown-account" : !staff.passwordHash ? "no-password" : !valid ? "wrong-password" : "inactive");
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(db, reserved.reservations);
  await log("success");
  await db.staff.update({ where: { id: staff.id }, data: { lastLoginAt: now } });
  return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name, sessionVersion: staff.sessionVersion } };
}
