// osTicket-compatible ticket API: POST JSON with X-API-Key (scope tickets:create); 201 + number.
import { handleTicketApi } from "@/lib/api/create-ticket";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return handleTicketApi(db, request);
}
