// osTicket-compatible ticket API: POST JSON with X-API-Key (scope tickets:create); 201 + number.
import { ticketApiRoute } from "@/lib/api/routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return ticketApiRoute(request);
}
