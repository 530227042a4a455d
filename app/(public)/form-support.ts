// Client-side helpers shared by the portal's forms: the double-submission key, a quick check of
// the chosen files (the server checks again, and more), and server errors routed to the fields.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export type UploadLimits = { maxFiles: number; maxFileMb: number; maxTotalMb: number; allowedTypes: string[] };

export { newClientKey } from "@/components/forms/client-key";

export function uploadHint(limits: UploadLimits): string {
  return `Up to ${limits.maxFiles} ${limits.maxFiles === 1 ? "file" : "files"}, ${limits.maxFileMb} MB each, ${limits.maxTotalMb} MB in total. Accepted: ${limits.allowedTypes.join(", ")}.`;
}

/**
 * Catches what can be known before sending: too many, too large, a refused type. Saves uploading
 * megabytes to hear "no", and keeps the request under the server's body limit.
 */
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

export const SEND_FAILED = "The form could not be sent: the connection failed or the request was too large. Nothing you typed is lost; try again.";

/**
 * Puts a failed action's field errors on the form's fields (the first gets focus). Returns the
 * errors for fields the form manages itself (`own`, e.g. "attachments") and the form-level
 * message, which also carries any error for a field the form does not show.
 */
export function applyActionErrors<F extends FieldValues>(
  failure: { message: string; fieldErrors: Record<string, string> },
  fields: readonly Path<F>[],
  setError: UseFormSetError<F>,
  ownFields: readonly string[] = ["attachments"],
): { formMessage: string; own: Record<string, string> } {
  let focus = true;
  const own: Record<string, string> = {};
  const unshown: string[] = [];
  for (const [key, message] of Object.entries(failure.fieldErrors)) {
    if ((fields as readonly string[]).includes(key)) {
      setError(key as Path<F>, { type: "server", message }, { shouldFocus: focus });
      focus = false;
    } else if (ownFields.includes(key)) own[key] = message;
    else unshown.push(message);
  }
  return { formMessage: [failure.message, ...unshown].join(" "), own };
}
