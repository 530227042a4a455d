// osTicket-compatible mail pipe: POST the raw RFC 5322 message with X-API-Key (scope mail:pipe).
import { handlePipedMail } from "@/lib/api/pipe-mail";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return handlePipedMail(db, request);
}
