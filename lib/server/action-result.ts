// What every server action answers: data, or an error the form can show. Known errors keep their
// message and field errors; a database that is down becomes "try again"; anything else is logged
// and replaced by a generic message.
import type { z } from "zod";
import { AppError, isDatabaseUnavailable, type FieldErrors } from "./errors";
import { logger } from "./logger";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors: FieldErrors; details?: string[] };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

export async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, details: error.details };
    // redirect() and notFound() work by throwing; let Next handle them.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
    if (isDatabaseUnavailable(error)) {
      logger.error({ err: error }, "action: database unavailable");
      return { ok: false, code: "UNAVAILABLE", message: "The help desk cannot reach its database right now. Nothing was lost: try again in a moment.", fieldErrors: {} };
    }
    logger.error({ err: error }, "action: unexpected error");
    return { ok: false, code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved; try again.", fieldErrors: {} };
  }
}

