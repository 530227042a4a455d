// Staff download of an attachment: only for a ticket the agent may see, always as a download with
// nosniff, so an uploaded HTML or SVG file can never run in the help desk's origin.
import { attachmentResponse } from "@/lib/attachments/download";
import { db } from "@/lib/server/db";
import { getActor } from "@/lib/server/session";
import { ticketScope } from "@/lib/auth/policy";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to download attachments.", { status: 401 });
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return new Response("Not found", { status: 404 });
  const attachment = await db.attachment.findFirst({ where: { id, ticket: ticketScope(actor) } });
  if (!attachment) return new Response("Not found", { status: 404 });
  return attachmentResponse(attachment);
}
