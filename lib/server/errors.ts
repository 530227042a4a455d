// Errors a user may see. Anything else is logged and shown as a generic message: an unknown
// error's text can carry SQL, paths or secrets, so it never reaches the browser.
export type FieldErrors = Record<string, string>;

export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "UNAVAILABLE" | "RATE_LIMITED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
    /** Extra facts for the form, e.g. what another agent changed. */
    readonly details?: string[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "ticket") => new AppError("NOT_FOUND", `That ${what} does not exist or you do not have access to it.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("FORBIDDEN", message);
export const invalid = (fieldErrors: FieldErrors, message = "Check the highlighted fields.") => new AppError("INVALID", message, fieldErrors);

/** Connection failures from either driver, so the user hears "try again" rather than "error". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /ECONNREFUSED|ETIMEDOUT|ECONNRESET|SQLITE_BUSY|database is locked|Can't reach database|Connection terminated|P1001|P1002|P1017|P2024|too many clients/i.test(text);
}
