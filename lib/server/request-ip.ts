import "server-only";
// The client's address for server components and actions: see client-address.ts (null when it
// cannot be known, e.g. under `next dev`).
import { headers } from "next/headers";
import { clientAddress } from "./client-address";

export async function requestIp(): Promise<string | null> {
  return clientAddress(await headers());
}
