import "server-only";
// One-time links for invitations and password resets. The token travels in the link only; the
// database keeps its SHA-256, so a copy of the database cannot be used to take over an account.
// Issuing a new link retires the staff member's older unused ones.
import crypto from "node:crypto";
import { fieldErrorsOf } from "@/lib/server/action-result";
import { AppError, invalid, notFound } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { hashPassword } from "./password";
import { endAllSessions } from "./sessions";
import { ZSetPassword, type SetPasswordInput } from "./set-password-schema";

export const TOKEN_TTL_DAYS = 7;

export function hashStaffToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function setPasswordPath(token: string): string {
  return `/set-password/${token}`;
}

/** Creates a token for the staff member and returns the path of its one-time link. */
export async function issueStaffToken(tx: Tx, staffId: number, purpose: "INVITE" | "PASSWORD_RESET", now = new Date()): Promise<string> {
  await tx.staffToken.updateMany({ where: { staffId, usedAt: null }, data: { usedAt: now } });
  const token = crypto.randomBytes(32).toString("base64url");
  await tx.staffToken.create({ data: { staffId, purpose, tokenHash: hashStaffToken(token), expiresAt: new Date(now.getTime() + TOKEN_TTL_DAYS * 86_400_000) } });
  return setPasswordPath(token);
}

export type TokenState =
  | { state: "valid"; purpose: "INVITE" | "PASSWORD_RESET"; name: string; email: string }
  | { state: "expired" | "used" | "unknown" | "inactive" };

/** What the set-password page should show for a token, without consuming it. */
export async function staffTokenState(db: Db, token: string, now = new Date()): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return { state: "unknown" };
  const row = await db.staffToken.findUnique({ where: { tokenHash: hashStaffToken(token) }, include: { staff: { select: { name: true, email: true, active: true } } } });
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (!row.staff.active) return { state: "inactive" };
  return { state: "valid", purpose: row.purpose, name: row.staff.name, email: row.staff.email };
}

export const TOKEN_MESSAGES: Record<Exclude<TokenState["state"], "valid">, string> = {
  unknown: "This link is not valid. Check that you copied all of it, or ask an administrator for a new one.",
  used: "This link has already been used. If you need to set your password again, ask an administrator for a new link.",
  expired: `This link has expired (links last ${TOKEN_TTL_DAYS} days). Ask an administrator for a new one.`,
  inactive: "This account is deactivated. Ask an administrator if you need access.",
};

/** Sets the password and uses up the token; every earlier session of the account ends. */
export async function setPasswordWithToken(db: Db, raw: SetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const parsed = ZSetPassword.safeParse(raw);
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const state = await staffTokenState(db, input.token, now);
  if (state.state !== "valid") throw new AppError(state.state === "unknown" ? "NOT_FOUND" : "CONFLICT", TOKEN_MESSAGES[state.state]);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Only one of two simultaneous submissions may use the token.
    const used = await tx.staffToken.updateMany({ where: { tokenHash: hashStaffToken(input.token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError("CONFLICT", TOKEN_MESSAGES.used);
    const token = await tx.staffToken.findUniqueOrThrow({ where: { tokenHash: hashStaffToken(input.token) } });
    const staff = await tx.staff.update({ where: { id: token.staffId }, data: { passwordHash } });
    if (!staff.active) throw notFound("account");
    await endAllSessions(tx, staff.id, "password-reset");
    await tx.staffToken.updateMany({ where: { staffId: staff.id, usedAt: null }, data: { usedAt: now } });
    return { email: staff.email };
  });
}
