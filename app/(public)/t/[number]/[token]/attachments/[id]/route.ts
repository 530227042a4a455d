// A requester's download: the private link is verified exactly as for the ticket page, and only
// files on messages and replies are served, never one on an internal note. Always a download of
// opaque bytes, so an uploaded HTML or SVG file can never run as a page of this site.
import { readFile } from "@/lib/attachments/storage";
import { AppError } from "@/lib/server/errors";
import { db } from "@/lib/server/db";
import { getRequesterAttachment } from "@/lib/tickets/requester-service";

export const dynamic = "force-dynamic";

const NOT_FOUND = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });

/** `filename="…"` for old clients (ASCII only, no quotes) and `filename*` (RFC 5987) for the real name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function GET(_request: Request, { params }: { params: Promise<{ number: string; token: string; id: string }> }) {
  const { number, token, id } = await params;
  const attachmentId = Number(id);
  if (!/^\d{1,12}$/.test(id) || !Number.isSafeInteger(attachmentId)) return NOT_FOUND();
  let attachment: Awaited<ReturnType<typeof getRequesterAttachment>>;
  try {
    attachment = await getRequesterAttachment(db, number, token, attachmentId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return NOT_FOUND();
    throw error;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(attachment.storageKey);
  } catch (error) {
    console.error("[attachments] file missing from storage", attachment.storageKey, error);
    return NOT_FOUND();
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": contentDisposition(attachment.fileName),
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
