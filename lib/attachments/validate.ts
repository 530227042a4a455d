// Checks uploads against the settings before anything is stored: count, sizes, allowed types, and
// that the content is what the name claims (a renamed executable is refused).
import { fileTypeFromBuffer } from "file-type";
import { cleanFileName } from "@/lib/tickets/text";

export type UploadLimits = { attachmentMaxFileMb: number; attachmentMaxFiles: number; attachmentMaxTotalMb: number; attachmentAllowedTypes: string[] };
export type IncomingFile = { name: string; bytes: Uint8Array; declaredType?: string };
export type CheckedFile = { fileName: string; contentType: string; bytes: Uint8Array; /** A mail part's Content-ID (no <>), for cid: links. */ contentId?: string | null };

const TEXT_TYPES: Record<string, string> = { ".txt": "text/plain", ".log": "text/plain", ".csv": "text/csv", ".eml": "message/rfc822", ".md": "text/markdown" };
/** Extensions whose detected type may differ in name but is the same kind of file. */
const EQUIVALENT: Record<string, string[]> = { ".jpeg": ["jpg"], ".jpg": ["jpg"], ".docx": ["docx", "zip"], ".xlsx": ["xlsx", "zip"], ".pptx": ["pptx", "zip"], ".zip": ["zip"] };

export function extensionOf(name: string): string {
  const m = /\.[a-z0-9]+$/i.exec(name);
  return m ? m[0].toLowerCase() : "";
}

const MB = 1024 * 1024;
const formatMb = (mb: number) => `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Returns the files ready to store, or one message per problem (keyed "attachments"). */
export async function checkUploads(files: IncomingFile[], limits: UploadLimits): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; message: string }> {
  const present = files.filter((f) => f.name || f.bytes.length);
  if (present.length > limits.attachmentMaxFiles) {
    return { ok: false, message: limits.attachmentMaxFiles === 0 ? "Attachments are turned off." : `Attach at most ${limits.attachmentMaxFiles} files.` };
  }
  const total = present.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > limits.attachmentMaxTotalMb * MB) return { ok: false, message: `The files add up to more than ${formatMb(limits.attachmentMaxTotalMb)}. Remove some and try again.` };
  const checked: CheckedFile[] = [];
  for (const file of present) {
    const fileName = cleanFileName(file.name);
    if (file.bytes.length === 0) return { ok: false, message: `"${fileName}" is empty.` };
    if (file.bytes.length > limits.attachmentMaxFileMb * MB) return { ok: false, message: `"${fileName}" is larger than ${formatMb(limits.attachmentMaxFileMb)}.` };
    const ext = extensionOf(fileName);
    if (!ext || !limits.attachmentAllowedTypes.includes(ext)) {
      return { ok: false, message: `"${fileName}": this type of file is not accepted. Allowed: ${limits.attachmentAllowedTypes.join(", ")}.` };
    }
    const detected = await fileTypeFromBuffer(file.bytes);
    if (ext in TEXT_TYPES) {
      if (detected || !isUtf8Text(file.bytes)) return { ok: false, message: `"${fileName}" is not a plain text file, whatever its name says.` };
      checked.push({ fileName, contentType: TEXT_TYPES[ext], bytes: file.bytes });
      continue;
    }
    const expected = EQUIVALENT[ext] ?? [ext.slice(1)];
    if (!detected || !expected.includes(detected.ext)) {
      return { ok: false, message: `"${fileName}" does not contain what its name says${detected ? ` (it looks like a .${detected.ext} file)` : ""}.` };
    }
    checked.push({ fileName, contentType: detected.mime, bytes: file.bytes });
  }
  return { ok: true, files: checked };
}
