// Checks staff credentials. Returns the staff member, or a reason that is safe to show.
import type { Db } from "@/lib/server/prisma";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from "./throttle";

export type SignInResult =
  | { ok: true; staff: { id: number; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" };

export async function checkStaffCredentials(db: Db, input: { email: string; password: string; clientIp: string | null }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.clientIp);
  if (await lockedUntil(db, keys)) return { ok: false, reason: "locked" };

  const staff = await db.staff.findUnique({ where: { email } });
  const valid = staff
    ? await verifyPassword(staff.passwordHash, input.password)
    : await verifyPassword(await decoyPasswordHash(), input.password + "\u0000");
  if (!staff || !valid || !staff.active) {
    await recordFailure(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, email);
  await db.staff.update({ where: { id: staff.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name, sessionVersion: staff.sessionVersion } };
}
