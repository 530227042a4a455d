// Files chosen in a form: what the browser can check before sending (the server checks again, and
// more). Saves uploading megabytes to hear "no", and keeps the request under the server's body limit.

export type UploadLimits = { maxFiles: number; maxFileMb: number; maxTotalMb: number; allowedTypes: string[] };

/** The field that carries files in an upload action (lib/server/action-client.ts ATTACHMENTS_FIELD). */
export const ATTACHMENTS = "attachments";

export function uploadHint(limits: UploadLimits): string {
  return `Up to ${limits.maxFiles} ${limits.maxFiles === 1 ? "file" : "files"}, ${limits.maxFileMb} MB each, ${limits.maxTotalMb} MB in total. Accepted: ${limits.allowedTypes.join(", ")}.`;
}

/** Catches what can be known before sending: too many, too large, a refused type. */
export function precheckFiles(files: File[], limits: UploadLimits): string | null {
  const MB = 1024 * 1024;
  if (files.length > limits.maxFiles) return `Attach at most ${limits.maxFiles} files.`;
  for (const f of files) {
    const ext = /\.[a-z0-9]+$/i.exec(f.name)?.[0].toLowerCase() ?? "";
    if (!limits.allowedTypes.includes(ext)) return `"${f.name}": this type of file is not accepted. Allowed: ${limits.allowedTypes.join(", ")}.`;
    if (f.size > limits.maxFileMb * MB) return `"${f.name}" is larger than ${limits.maxFileMb} MB.`;
  }
  if (files.reduce((sum, f) => sum + f.size, 0) > limits.maxTotalMb * MB) return `The files add up to more than ${limits.maxTotalMb} MB. Remove some and try again.`;
  return null;
}

/** The form's values and files as the FormData an upload action reads (empty values left out). */
export function uploadFormData(values: Record<string, unknown>, files: File[]): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null) data.set(key, String(value));
  for (const file of files) data.append(ATTACHMENTS, file);
  return data;
}
