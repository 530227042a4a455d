// The raw source of an inbound message as a .eml download, for administrators only (anyone else:
// 404, never a hint it exists). Always an attachment with nosniff: mail is attacker-written, and
// must never be rendered as a page in the help desk's origin.
import { inboundSource } from "@/lib/mail/admin/queries";
import { getActor } from "@/lib/server/session";
import { MAX_ID } from "@/lib/config/shared/fields";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to download messages.", { status: 401 });
  const id = Number((await params).id);
  if (!actor.isAdmin || !Number.isSafeInteger(id) || id <= 0 || id > MAX_ID) return new Response("Not found", { status: 404 });
  const raw = await inboundSource(actor, id);
  if (!raw) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(raw), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="inbound-${id}.eml"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
