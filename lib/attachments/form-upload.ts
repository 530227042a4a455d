import "server-only";
// Reads a submitted FormData: its text fields for the zod schema, its files checked against the
// attachment settings. A bad file becomes a field error on "attachments"; nothing is stored.
import { invalid } from "@/lib/server/errors";
import type { Db } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { checkUploads, type CheckedFile } from "./validate";

export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}

export async function formUploads(db: Db, formData: FormData, field = "attachments"): Promise<CheckedFile[]> {
  const files = formData.getAll(field).filter((v): v is File => typeof v !== "string" && v.size > 0);
  if (!files.length) return [];
  const settings = await loadSettings(db);
  const incoming = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), declaredType: f.type })));
  const result = await checkUploads(incoming, settings);
  if (!result.ok) throw invalid({ [field]: result.message }, result.message);
  return result.files;
}
