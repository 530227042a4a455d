import "server-only";
// The API's route handlers, bound to the database: app/api/* hands the request over and never
// holds the client. Each handler authenticates its caller itself (an API key, lib/api/api-keys.ts).
import { db } from "@/lib/server/db";
import { checkHealth } from "@/lib/server/health";
import { handleTicketApi } from "./create-ticket";
import { handlePipedMail } from "./pipe-mail";

/** POST /api/tickets.json: a new ticket from an API key with tickets:create. */
export function ticketApiRoute(request: Request): Promise<Response> {
  return handleTicketApi(db, request);
}

/** POST /api/tickets.email: a raw mail piped in by an API key with mail:pipe. */
export function pipedMailRoute(request: Request): Promise<Response> {
  return handlePipedMail(db, request);
}

/** GET /api/health: the probe's report; needs no key and shows no secret. */
export async function healthRoute(dataDir: string): Promise<Response> {
  const { httpStatus, report } = await checkHealth(db, { dataDir });
  return Response.json(report, { status: httpStatus, headers: { "cache-control": "no-store" } });
}
