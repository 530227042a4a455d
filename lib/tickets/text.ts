// Cleaning of untrusted text before it is stored. Rendering escapes everything anyway (React);
// this removes what escaping cannot: characters that reorder or hide text (a filename that reads
// "invoice‮fdp.exe" as "invoiceexe.pdf"), and control characters.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
// C0 and C1 controls except tab, line feed and carriage return.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** One-line fields (names, subjects, reasons): no hidden or reordering characters, one line. */
export function cleanLine(value: string): string {
  return value.replace(BIDI_CONTROLS, "").replace(ZERO_WIDTH, "").replace(CONTROLS, "").replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim();
}

/** Message bodies: line breaks kept, reordering controls removed; zero-width joiners stay (emoji). */
export function cleanBody(value: string): string {
  return value.replace(BIDI_CONTROLS, "").replace(/[\u200B\u2060\uFEFF]/g, "").replace(CONTROLS, "").replace(/\r\n?/g, "\n").trim();
}

/** A stored file name: the last path segment only, cleaned, never empty, at most 180 characters. */
export function cleanFileName(value: string): string {
  const base = value.split(/[\\/]/).pop() ?? "";
  const cleaned = cleanLine(base).replace(/^\.+/, "").replace(/[<>:"|?*]/g, "_");
  const trimmed = cleaned.length > 180 ? cleaned.slice(0, 120) + cleaned.slice(-60) : cleaned;
  return trimmed || "attachment";
}
