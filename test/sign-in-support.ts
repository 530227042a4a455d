// Shared set-up for the sign-in tests: an encryption key for sealed TOTP seeds, a staff member with
// a password, and an AppError matcher.
import crypto from "node:crypto";
import { expect } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { staff } from "./factories";

process.env.HELPDESK_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

export async function expectAppError(promise: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fieldErrors[field]).toBeTruthy();
  return error as AppError;
}

let passwordHash: Promise<string> | undefined;
export const PASSWORD = "correct horse battery";

/** A staff member whose password is PASSWORD (hashed once per file: argon2 is slow on purpose). */
export async function staffWithPassword(db: Db, opts: Parameters<typeof staff>[1] = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const s = await staff(db, opts);
  return db.staff.update({ where: { id: s.id }, data: { passwordHash: await passwordHash } });
}
