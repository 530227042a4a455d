"use client";
// Submits a react-hook-form to a server action and turns the ActionResult into what the user sees:
// field errors on their fields, a stale-ticket conflict with what changed, other errors as an alert.
// The typed text stays in the form on every error.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export type ActionResultLike = { ok: true; data?: unknown } | { ok: false; code: string; message: string; fieldErrors: Record<string, string>; details?: string[] };

export type FormProblem = { message: string; details?: string[]; conflict: boolean } | null;

/**
 * The server's request guard (scripts/request-guard.cjs) refuses an oversized or cross-site post
 * with a short text that Next hands to the failed call as its message; that text is meant for the
 * user. Anything else that fails the call is a network problem.
 */
export function refusalMessage(error: unknown): string | null {
  return error instanceof Error && /^(Refused|Too large to send):/.test(error.message) ? error.message : null;
}

export function useActionSubmit<T extends FieldValues>(setError: UseFormSetError<T>) {
  const router = useRouter();
  const [problem, setProblem] = useState<FormProblem>(null);
  const [done, setDone] = useState<string | null>(null);

  /** `success` may read the action's answer, e.g. to say what changed meanwhile. */
  async function submit(call: () => Promise<ActionResultLike>, success: string | ((data: unknown) => string), onSuccess?: () => void) {
    setProblem(null);
    setDone(null);
    let result: ActionResultLike;
    try {
      result = await call();
    } catch (error) {
      setProblem({ message: refusalMessage(error) ?? "The help desk could not be reached. Check your connection; your text is still here.", conflict: false });
      return false;
    }
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fieldErrors)) setError(field as Path<T>, { type: "server", message });
      setProblem({ message: result.message, details: result.details, conflict: result.code === "CONFLICT" });
      return false;
    }
    setDone(typeof success === "function" ? success(result.data) : success);
    onSuccess?.();
    router.refresh();
    return true;
  }

  return { problem, done, submit, clearProblem: () => setProblem(null), refresh: () => { setProblem(null); router.refresh(); } };
}
