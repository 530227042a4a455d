import "server-only";
// The client's address as the reverse proxy in front of us (IIS) reports it; null when the request
// came straight in, as in development and tests.
import { headers } from "next/headers";

export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip")?.trim() || null;
}
