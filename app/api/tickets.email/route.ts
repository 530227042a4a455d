// osTicket-compatible mail pipe: POST the raw RFC 5322 message with X-API-Key (scope mail:pipe).
import { pipedMailRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return pipedMailRoute(request);
}
