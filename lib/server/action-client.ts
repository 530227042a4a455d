import "server-only";
// One typed way to write a server action per audience. The client authenticates and checks the
// role; the action validates its input with the same zod schema the form uses; the service
// re-checks the resource-level policy. Every action answers with an ActionResult the form can show.
import { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor";
import { withStoredFiles, type StoredFile } from "@/lib/attachments/storage";
import { checkUploads } from "@/lib/attachments/validate";
import { loadSettings } from "@/lib/settings/store";
import { db } from "./db";
import { AppError, isDatabaseUnavailable, type FieldErrors } from "./errors";
import { getActor } from "./session";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors: FieldErrors; details?: string[] };

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, details: error.details };
    // redirect() and notFound() work by throwing; let Next handle them.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
    if (isDatabaseUnavailable(error)) {
      console.error("[action] database unavailable", error);
      return { ok: false, code: "UNAVAILABLE", message: "The help desk cannot reach its database right now. Nothing was lost: try again in a moment.", fieldErrors: {} };
    }
    console.error("[action] unexpected error", error);
    return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved; try again.", fieldErrors: {} };
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** An action any visitor may call (the requester portal). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => run(async () => handler(parse(schema, input)));
}

/** The form field that carries files in an upload action. */
export const ATTACHMENTS_FIELD = "attachments";

/**
 * A public action whose input is a FormData with files. The text fields are parsed with the schema
 * and the files under "attachments" are checked against the upload settings, both before anything
 * is stored, so the form hears about every problem at once. The files are written before the
 * handler runs and removed again if it fails: a failed save leaves no orphan files.
 */
export function publicUploadAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, files: StoredFile[]) => Promise<T>) {
  return async (form: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      if (!(form instanceof FormData)) throw new AppError("INVALID", "The form could not be read. Reload the page and try again.");
      const fields: Record<string, string> = {};
      for (const [key, value] of form.entries()) if (typeof value === "string" && key !== ATTACHMENTS_FIELD) fields[key] = value;
      const parsed = schema.safeParse(fields);
      const uploads = await Promise.all(
        form.getAll(ATTACHMENTS_FIELD).flatMap((f) => (typeof f === "string" ? [] : [f.arrayBuffer().then((b) => ({ name: f.name, bytes: new Uint8Array(b), declaredType: f.type }))])),
      );
      const checked = await checkUploads(uploads, await loadSettings(db));
      const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...(checked.ok ? {} : { [ATTACHMENTS_FIELD]: checked.message }) };
      if (!parsed.success || !checked.ok) throw new AppError("INVALID", "Check the highlighted fields.", fieldErrors);
      return withStoredFiles(checked.files, (stored) => handler(parsed.data, stored));
    });
}

/** An action for signed-in staff (agents and admins). */
export function staffAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again; your text is still here.");
      return handler(actor, parse(schema, input));
    });
}

/** An action for administrators only; an agent gets 403 and nothing changes. */
export function adminAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>) => Promise<T>) {
  return staffAction(schema, async (actor, input: z.infer<S>) => {
    if (!actor.isAdmin) throw new AppError("FORBIDDEN", "Only administrators can do that.");
    return handler(actor, input);
  });
}
