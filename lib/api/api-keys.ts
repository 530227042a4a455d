import "server-only";
// API keys for the mail pipe and the ticket API. Only the SHA-256 of a key is stored; a presented
// key is hashed, looked up by its hash and compared in constant time. Refuses by default: no key,
// an unknown or revoked key, a missing scope or an address outside the key's ranges.
// (The admin screen that issues keys may have its own helper in lib/admin/; this one is
// self-contained so the API does not depend on it.)
import crypto from "node:crypto";
import type { Db } from "@/lib/server/prisma";
import { ipAllowed } from "./ip-ranges";

export type ApiScope = "tickets:create" | "mail:pipe";

export type ApiKeyCheck = { ok: true; keyId: number; label: string } | { ok: false; status: 401 | 403; message: string };

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

/** The first X-Forwarded-For hop (the proxy in front of us set it), else the socket address if known. */
export function clientIp(request: Request, socketAddress?: string | null): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip")?.trim() || socketAddress || null;
}

export async function verifyApiKey(db: Db, presented: string | null | undefined, scope: ApiScope, ip: string | null): Promise<ApiKeyCheck> {
  const key = presented?.trim();
  if (!key || key.length > 200) return { ok: false, status: 401, message: "Valid API key required" };
  const hash = hashApiKey(key);
  const row = await db.apiKey.findUnique({ where: { keyHash: hash } });
  // The lookup by hash already matched; comparing again in constant time keeps this safe even
  // if the lookup is ever changed to something looser (a prefix, a case-insensitive column).
  if (!row || row.keyHash.length !== hash.length || !crypto.timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) {
    return { ok: false, status: 401, message: "API key not found" };
  }
  if (row.revokedAt) return { ok: false, status: 403, message: "API key revoked" };
  const scopes = row.scopes.split(",").map((s) => s.trim());
  if (!scopes.includes(scope)) return { ok: false, status: 403, message: `API key not authorized for ${scope}` };
  if (!ipAllowed(ip, row.allowedIps)) return { ok: false, status: 403, message: "Source IP not authorized" };
  await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { ok: true, keyId: row.id, label: row.label };
}
