// A staff member's download: only an attachment of a ticket they may see (lib/attachments/download.ts
// decides how every attachment is sent).
import { attachmentIdOf, attachmentNotFound, attachmentResponse } from "@/lib/attachments/download";
import { staffAttachment } from "@/lib/attachments/queries";
import { getActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to download attachments.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  const id = attachmentIdOf((await params).id);
  if (id === null) return attachmentNotFound();
  return attachmentResponse(await staffAttachment(actor, id));
}
