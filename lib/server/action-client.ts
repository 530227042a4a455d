import "server-only";
// One typed way to write a server action per audience. The client authenticates and checks the
// role; the action validates its input with the same zod schema the form uses; the service
// re-checks the resource-level policy. Every action answers with an ActionResult the form can show.
import type { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor";
import { withStoredFiles, type StoredFile } from "@/lib/attachments/storage";
import { checkUploads } from "@/lib/attachments/validate";
import { loadSettings } from "@/lib/settings/store";
import { fieldErrorsOf, run as runAction, type ActionResult } from "./action-result";
import { actionSucceeded } from "./action-listeners";
import { db } from "./db";
import { AppError } from "./errors";
import { getActor } from "./session";

export type { ActionResult } from "./action-result";

/** Runs an action; one that succeeded tells whoever keeps caches it may have made stale. */
async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  const result = await runAction(body);
  if (result.ok) actionSucceeded();
  return result;
}


function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

async function requireActor(): Promise<StaffActor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again; your text is still here.");
  return actor;
}

/** The form field that carries files in an upload action. */
export const ATTACHMENTS_FIELD = "attachments";

/**
 * Reads a FormData with files: the text fields are parsed with the schema and the files under
 * "attachments" are checked against the upload settings, both before anything is stored, so the
 * form hears about every problem at once. The files are written before the handler runs and removed
 * again if it fails: a failed save leaves no orphan files.
 */
async function withUploadForm<S extends z.ZodType, T>(schema: S, form: unknown, handler: (input: z.infer<S>, files: StoredFile[]) => Promise<T>): Promise<T> {
  if (!(form instanceof FormData)) throw new AppError("INVALID", "The form could not be read. Reload the page and try again.");
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== ATTACHMENTS_FIELD) fields[key] = value;
  const parsed = schema.safeParse(fields);
  const uploads = await Promise.all(
    form.getAll(ATTACHMENTS_FIELD).flatMap((f) => (typeof f === "string" || f.size === 0 ? [] : [f.arrayBuffer().then((b) => ({ name: f.name, bytes: new Uint8Array(b), declaredType: f.type }))])),
  );
  const checked = uploads.length ? await checkUploads(uploads, await loadSettings(db)) : { ok: true as const, files: [] };
  const fieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...(checked.ok ? {} : { [ATTACHMENTS_FIELD]: checked.message }) };
  if (!parsed.success || !checked.ok) throw new AppError("INVALID", "Check the highlighted fields.", fieldErrors);
  return withStoredFiles(checked.files, (stored) => handler(parsed.data, stored));
}

/** An action any visitor may call (the requester portal). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => run(async () => handler(parse(schema, input)));
}

/** A public action whose input is a FormData with files. */
export function publicUploadAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, files: StoredFile[]) => Promise<T>) {
  return async (form: unknown): Promise<ActionResult<T>> => run(() => withUploadForm(schema, form, handler));
}

/** An action for signed-in staff (agents and admins). */
export function staffAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const actor = await requireActor();
      return handler(actor, parse(schema, input));
    });
}

/** A staff action whose input is a FormData with files (replies and notes with attachments). */
export function staffUploadAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>, files: StoredFile[]) => Promise<T>) {
  return async (form: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const actor = await requireActor();
      return withUploadForm(schema, form, (input, files) => handler(actor, input, files));
    });
}

/** An action for administrators only; an agent gets 403 and nothing changes. The role is checked before the input, so an agent learns nothing about what the action accepts. */
export function adminAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again; your text is still here.");
      if (!actor.isAdmin) throw new AppError("FORBIDDEN", "Only administrators can do that.");
      return handler(actor, parse(schema, input));
    });
}
