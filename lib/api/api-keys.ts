import "server-only";
// API keys at the door of the mail pipe and the ticket API: the key checks themselves live with the
// admin screen that issues the keys (lib/config/api-keys/service.ts); this turns their answer into the
// status and plain-text message osTicket clients expect.
import { authenticateApiKey } from "@/lib/config/api-keys/service";
import type { ApiScope } from "@/lib/config/api-keys/schemas";
import { clientAddress } from "@/lib/server/client-address";
import type { Db } from "@/lib/server/prisma";

export { hashApiKey } from "@/lib/config/api-keys/service";
export type { ApiScope } from "@/lib/config/api-keys/schemas";

export type ApiKeyCheck = { ok: true; keyId: number; label: string } | { ok: false; status: 401 | 403; message: string };

/** The client's address as lib/server/client-address.ts decides it; a caller that holds the socket may pass its address for when that is unknown. */
export function clientIp(request: Request, socketAddress?: string | null): string | null {
  return clientAddress(request.headers) ?? socketAddress ?? null;
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
