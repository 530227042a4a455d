import "server-only";
import { readFile } from "./storage";

/** A download response: never rendered inline, never sniffed, never cached by shared caches. */
export async function attachmentResponse(attachment: { fileName: string; storageKey: string; size: number }): Promise<Response> {
  let bytes: Buffer;
  try {
    bytes = await readFile(attachment.storageKey);
  } catch {
    return new Response("The file is missing from storage.", { status: 410 });
  }
  const ascii = attachment.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
