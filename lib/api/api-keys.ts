import "server-only";
// API keys at the door of the mail pipe and the ticket API: the key checks themselves live with the
// admin screen that issues the keys (lib/admin/api-keys.ts); this turns their answer into the
// status and plain-text message osTicket clients expect.
import { authenticateApiKey } from "@/lib/admin/api-keys";
import type { ApiScope } from "@/lib/admin/schemas";
import type { Db } from "@/lib/server/prisma";

export { hashApiKey } from "@/lib/admin/api-keys";
export type { ApiScope } from "@/lib/admin/schemas";

export type ApiKeyCheck = { ok: true; keyId: number; label: string } | { ok: false; status: 401 | 403; message: string };

/** The first X-Forwarded-For hop (the proxy in front of us set it), else the socket address if known. */
export function clientIp(request: Request, socketAddress?: string | null): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip")?.trim() || socketAddress || null;
}

export async function verifyApiKey(db: Db, presented: string | null | undefined, scope: ApiScope, ip: string | null): Promise<ApiKeyCheck> {
  const key = presented?.trim();
  if (!key) return { ok: false, status: 401, message: "Valid API key required" };
  const check = await authenticateApiKey(db, key, scope, ip);
  if (check.ok) return { ok: true, keyId: check.keyId, label: check.label };
  switch (check.reason) {
    case "malformed":
    case "unknown":
      return { ok: false, status: 401, message: "API key not found" };
    case "revoked":
      return { ok: false, status: 403, message: "API key revoked" };
    case "scope":
      return { ok: false, status: 403, message: `API key not authorized for ${scope}` };
    case "address":
      return { ok: false, status: 403, message: "Source IP not authorized" };
  }
}
