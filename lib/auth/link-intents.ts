// "Link my Microsoft account" from the account page: the signed-in staff member asks to link, the
// browser gets a short-lived cookie naming that request, and the next sign-in with that provider
// from the same browser links the provider's account to them rather than matching by email. The
// database keeps the cookie value's SHA-256; a request is used once and lasts ten minutes.
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/server/prisma";
import type { SsoProviderId } from "./sso-config";

export const LINK_INTENT_COOKIE = "helpdesk.link-intent";
export const LINK_INTENT_MINUTES = 10;

const hashOf = (secret: string) => crypto.createHash("sha256").update(`link:${secret}`, "utf8").digest("hex");

export async function createLinkIntent(db: Db, input: { staffId: number; sessionId: string; provider: SsoProviderId }, now = new Date()): Promise<string> {
  const secret = crypto.randomBytes(32).toString("base64url");
  await db.linkIntent.deleteMany({ where: { OR: [{ staffId: input.staffId }, { expiresAt: { lt: now } }] } });
  await db.linkIntent.create({ data: { id: hashOf(secret), ...input, expiresAt: new Date(now.getTime() + LINK_INTENT_MINUTES * 60_000) } });
  return secret;
}

/** Uses up a link request for `provider`: the staff member and session that made it, or null. */
export async function takeLinkIntent(tx: Tx, secret: string | null | undefined, provider: SsoProviderId, now = new Date()): Promise<{ staffId: number; sessionId: string } | null> {
  if (!secret || secret.length > 100) return null;
  const id = hashOf(secret);
  const taken = await tx.linkIntent.updateMany({ where: { id, provider, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (taken.count !== 1) return null;
  const row = await tx.linkIntent.findUniqueOrThrow({ where: { id } });
  return { staffId: row.staffId, sessionId: row.sessionId };
}
