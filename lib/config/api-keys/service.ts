import "server-only";
// API keys for the REST API and the mail pipe. A key is "hd_" + 32 random bytes (base64url); it is
// shown once, and only its SHA-256 is stored, with a short prefix so an admin can recognise it.
// Verification compares hashes in constant time; an IP allow-list (CIDR) is checked too. Every
// check refuses by default: unknown key, revoked key, missing scope or address outside the list.
import crypto from "node:crypto";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/server/errors";
import { addressInRanges, parseRangeList } from "@/lib/server/ip-ranges";
import type { Db, Tx } from "@/lib/server/prisma";
import { adminWrite, assertAdmin, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { ZById, type ByIdInput } from "@/lib/config/shared/fields";
import { API_SCOPES, ZCreateApiKey, type ApiScope, type CreateApiKeyInput } from "./schemas";

const KEY_PREFIX = "hd_";
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** Does the presented key hash to the stored hash? Constant time in the key's content. */
export function verifyApiKey(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** An empty allow-list means any address; otherwise the address must fall in one range. */
export function ipAllowed(ip: string | null, allowedIps: string): boolean {
  const ranges = allowedIps.split(",").map((r) => r.trim()).filter(Boolean);
  if (ranges.length === 0) return true;
  return ip !== null && addressInRanges(ip, ranges);
}

export type ApiKeyCheck = { ok: true; keyId: number; label: string; scopes: ApiScope[] } | { ok: false; reason: "malformed" | "unknown" | "revoked" | "scope" | "address" };

/** For the REST API: is this key valid for this scope from this address? Records when it was last used. */
export async function authenticateApiKey(db: Db, presented: string, scope: ApiScope, ip: string | null, now = new Date()): Promise<ApiKeyCheck> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return { ok: false, reason: "malformed" };
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(presented) } });
  if (!row || !verifyApiKey(presented, row.keyHash)) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const scopes = row.scopes.split(",").filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  if (!scopes.includes(scope)) return { ok: false, reason: "scope" };
  if (!ipAllowed(ip, row.allowedIps)) return { ok: false, reason: "address" };
  // At most one write a minute per key, so a busy integration does not write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { ok: true, keyId: row.id, label: row.label, scopes };
}

async function snapshot(tx: Tx, id: number): Promise<Snapshot> {
  const k = await tx.apiKey.findUniqueOrThrow({ where: { id } });
  return { label: k.label, prefix: k.prefix, scopes: k.scopes.split(",").filter(Boolean), allowedIps: k.allowedIps.split(",").filter(Boolean), revoked: k.revokedAt !== null };
}

/** Creates a key and returns it: the only time the key itself exists outside the caller's hands. */
export async function createApiKey(db: Db, actor: StaffActor, raw: CreateApiKeyInput): Promise<{ id: number; key: string; prefix: string }> {
  const input = parseInput(ZCreateApiKey, raw);
  const ranges = parseRangeList(input.allowedIps);
  if (!ranges.ok) throw new AppError("INVALID", "Check the highlighted fields.", { allowedIps: `Not a valid address or range: ${ranges.invalid.join(", ")}` });
  const { key, keyHash, prefix } = generateApiKey();
  return adminWrite(db, actor, async (tx) => {
    const row = await tx.apiKey.create({
      data: { label: input.label, keyHash, prefix, scopes: [...new Set(input.scopes)].sort().join(","), allowedIps: ranges.ranges.join(","), createdById: actor.isAdmin && actor.id > 0 ? actor.id : null },
    });
    await recordAudit(tx, actor, { entity: "api-key", entityId: row.id, action: "create", after: await snapshot(tx, row.id) });
    return { id: row.id, key, prefix };
  });
}

export async function revokeApiKey(db: Db, actor: StaffActor, raw: ByIdInput) {
  const { id } = parseInput(ZById, raw);
  return adminWrite(db, actor, async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id } });
    if (!row) throw notFound("API key");
    if (row.revokedAt) throw new AppError("CONFLICT", `${row.label} is already revoked.`);
    const before = await snapshot(tx, id);
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { entity: "api-key", entityId: id, action: "revoke", before, after: await snapshot(tx, id) });
    return { id };
  });
}

export async function listApiKeys(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  return db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, label: true, prefix: true, scopes: true, allowedIps: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true } } },
    take: 500,
  });
}
