import "server-only";
// The one way an attachment leaves the help desk, for agents and for requesters alike: opaque bytes
// (application/octet-stream), always a download with the real name (RFC 6266), never sniffed,
// sandboxed with a policy that runs and loads nothing should a browser render it anyway, never
// stored by any cache, never leaking the (private) page address as a Referer. An uploaded HTML or
// SVG file can therefore never run as a page of this site. Routes only decide who may have which
// attachment.
import { openStoredFile } from "./storage";

const PRIVATE = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "private, no-store",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Referrer-Policy": "no-referrer",
} as const;

/** A route's [id] segment as an attachment id, or null. */
export function attachmentIdOf(text: string): number | null {
  return /^[1-9]\d{0,11}$/.test(text) ? Number(text) : null;
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…`: an ASCII stand-in for old clients (no quotes,
 * backslashes, percent signs, slashes or control characters, which some read as escapes or paths)
 * and the real name percent-encoded per RFC 5987 (only attr-chars left bare).
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.replace(/[\u0000-\u001f\u007f]/g, "").trim() || "download";
  const ascii = name.replace(/[^\x20-\x7e]|["\\%/]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...PRIVATE } });
}

export const attachmentNotFound = () => plain(404, "Not found");

/** The download of an attachment the caller may have; null (not theirs, or no such file) is "Not found". */
export async function attachmentResponse(attachment: { fileName: string; storageKey: string } | null): Promise<Response> {
  if (!attachment) return attachmentNotFound();
  let file: Awaited<ReturnType<typeof openStoredFile>>;
  try {
    file = await openStoredFile(attachment.storageKey);
  } catch (error) {
    console.error("[attachments] file missing from storage", attachment.storageKey, error);
    return plain(410, "The file is missing from storage.");
  }
  return new Response(file.stream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(attachment.fileName),
      ...PRIVATE,
    },
  });
}
