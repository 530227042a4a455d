import "server-only";
// One typed way to write a server action per audience. The client authenticates and checks the
// role; the action validates its input with the same zod schema the form uses; the service
// re-checks the resource-level policy. Every action answers with an ActionResult the form can show.
import type { z } from "zod";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "./errors";
import { fieldErrorsOf, run, type ActionResult } from "./action-result";
export type { ActionResult } from "./action-result";
import { getActor } from "./session";

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** An action any visitor may call (the requester portal). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => run(async () => handler(parse(schema, input)));
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

/**
 * A staff action posted as FormData (forms with attachments): the text fields are validated with
 * the schema, the files are handed over separately, already checked against the settings.
 */
export function staffFormAction<S extends z.ZodType, T>(schema: S, handler: (actor: StaffActor, input: z.infer<S>, formData: FormData) => Promise<T>) {
  return async (formData: FormData): Promise<ActionResult<T>> =>
    run(async () => {
      if (!(formData instanceof FormData)) throw new AppError("INVALID", "The form could not be read. Reload the page and try again.");
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again; your text is still here.");
      const fields: Record<string, string> = {};
      for (const [key, value] of formData.entries()) if (typeof value === "string") fields[key] = value;
      return handler(actor, parse(schema, fields), formData);
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
