"use client";
// One way for every form (requester portal, agent, admin) to send itself to a server action and show
// the answer: field errors on their fields (the first gets focus), a stale-version conflict with
// what changed and a way to load the latest, a refused or lost request in words, files checked
// before sending and cleared after, and one double-submission key per attempt series. The typed
// text stays in the form on every error. The action's answer type flows to the success callbacks:
// `submit(() => someAction(values), (data) => …)` sees `data` as the action declared it.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type PathValue } from "react-hook-form";
import type { z } from "zod";
import { newClientKey } from "./client-key";
import { ATTACHMENTS, precheckFiles, type UploadLimits } from "./uploads";

export type ActionFailure = { ok: false; code: string; message: string; fieldErrors: Record<string, string>; details?: string[] };
/** What every action answers (lib/server/action-result.ts ActionResult<T>) as the browser sees it. */
export type ActionResultLike = { ok: true; data?: unknown } | ActionFailure;
/** An action's answer with the data it promises, for props that take an action. */
export type ActionAnswer<D> = { ok: true; data: D } | ActionFailure;
/** The data of an action's successful answer, as the action declares it. */
export type ActionData<R> = Extract<R, { ok: true }> extends { data?: infer D } ? D : undefined;

/** `reloading`: the user asked for the latest version and the page has not shown it yet. */
export type FormProblem = { message: string; details?: string[]; conflict: boolean; reloading?: boolean } | null;

export const RELOADED = "The latest version is loaded and your text is kept. Check it, then save again.";

export const UNREACHABLE = "The help desk could not be reached. Check your connection; your text is still here.";

/**
 * The server's request guard (scripts/request-guard.cjs) refuses an oversized or cross-site post
 * with a short text that Next hands to the failed call as its message; that text is meant for the
 * user. Anything else that fails the call is a network problem.
 */
export function refusalMessage(error: unknown): string | null {
  return error instanceof Error && /^(Refused|Too large to send):/.test(error.message) ? error.message : null;
}

/** `answered`: false when the request got no answer from the action (network, refused by the guard). */
export type ActionOutcome<R> = { ok: true; data: ActionData<R> } | { ok: false; answered: boolean; problem: NonNullable<FormProblem>; fieldErrors: Record<string, string> };

/**
 * Calls an action and sorts its answer: the data, or a problem to show with the field errors. A call
 * that never got an answer (network, a refused post) is a problem too, never an exception.
 */
export async function callAction<R extends ActionResultLike>(call: () => Promise<R>, unreachable = UNREACHABLE): Promise<ActionOutcome<R>> {
  let result: R;
  try {
    result = await call();
  } catch (error) {
    return { ok: false, answered: false, problem: { message: refusalMessage(error) ?? unreachable, conflict: false }, fieldErrors: {} };
  }
  if (result.ok) return { ok: true, data: result.data as ActionData<R> };
  return { ok: false, answered: true, problem: { message: result.message, details: result.details, conflict: result.code === "CONFLICT" }, fieldErrors: result.fieldErrors };
}

export type ActionFormOptions<T extends FieldValues> = {
  /** The action's zod schema: the form checks with it before sending, the server parses again. */
  schema: z.ZodType;
  defaultValues: DefaultValues<T>;
  /** Hand the raw values (not the schema's output) to the submit handler. */
  raw?: boolean;
  /** What to say when the request got no answer; a refusal by the server's guard is said as it came. */
  unreachable?: string;
  /** Refresh the page's server components after a success (default); off where the action's own revalidation or a navigation shows the result. */
  refreshOnSuccess?: boolean;
  /** The ticket version the page shows: kept in the form's `version` field, so a save is checked against what the agent saw. */
  version?: number;
  /** The form sends files from `fileInput`; with limits they are checked in the browser first (null: the server alone checks). */
  uploads?: UploadLimits | null;
  /** Field errors for these names go on their fields (default: the names in defaultValues); others join the form's message. */
  fields?: readonly string[];
};

/** What a submit handler gets besides the values: the chosen files and the attempt's double-submission key. */
export type SubmitContext = { files: File[]; clientKey: string };

export function useActionForm<T extends FieldValues>(options: ActionFormOptions<T>) {
  const { schema, defaultValues, raw = false, unreachable, refreshOnSuccess = true, version, uploads, fields } = options;
  // zod 4's resolver types its input and output from the schema; the forms name their values with T.
  const resolver = raw ? zodResolver(schema as never, undefined, { raw: true }) : zodResolver(schema as never);
  const form = useForm<T>({ resolver: resolver as never, defaultValues });
  const router = useRouter();
  const [problem, setProblem] = useState<FormProblem>(null);
  const [done, setDone] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [filesKey, setFilesKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  // One key per form until a submission succeeds: a double click or a retry after a lost answer is
  // the same submission to the server.
  const clientKey = useRef<string | null>(null);
  const known = fields ?? Object.keys(defaultValues ?? {});

  const [reloading, startReload] = useTransition();
  const reloadAsked = useRef(false);
  useEffect(() => {
    if (reloading || !reloadAsked.current) return;
    reloadAsked.current = false;
    // The refreshed page has been committed: its version is now the form's.
    setProblem(null);
    setDone(RELOADED);
  }, [reloading]);

  const { setValue } = form;
  useEffect(() => {
    // The page re-renders with the next version after any step: the form sends the version it shows.
    if (version !== undefined) setValue("version" as Path<T>, version as PathValue<T, Path<T>>);
  }, [version, setValue]);

  function showFailure(outcome: Extract<ActionOutcome<ActionResultLike>, { ok: false }>) {
    let focus = true;
    const shown: string[] = [];
    const unshown: string[] = [];
    for (const [key, message] of Object.entries(outcome.fieldErrors)) {
      if (key === ATTACHMENTS && uploads !== undefined) {
        setFilesError(message);
      } else if (known.includes(key.split(".")[0])) {
        form.setError(key as Path<T>, { type: "server", message }, { shouldFocus: focus });
        focus = false;
      } else {
        unshown.push(message);
        continue;
      }
      shown.push(message);
    }
    if (focus && outcome.fieldErrors[ATTACHMENTS] && uploads !== undefined) fileInput.current?.focus();
    // A message that only repeats the one field's error is said once, under the field.
    const message = [outcome.problem.message, ...unshown].filter((m) => !(unshown.length === 0 && shown.length === 1 && shown[0] === m)).join(" ");
    setProblem(message || outcome.problem.details?.length ? { ...outcome.problem, message } : null);
  }

  /**
   * Sends the form through `call`. `success` is what to tell the user (it may read the action's
   * data, e.g. what changed meanwhile); `onSuccess` runs before the page refreshes. Resolves to
   * whether the action succeeded.
   */
  async function submit<R extends ActionResultLike>(
    call: (context: SubmitContext) => Promise<R>,
    success?: string | null | ((data: ActionData<R>) => string | null),
    onSuccess?: (data: ActionData<R>) => void,
  ): Promise<boolean> {
    setProblem(null);
    setDone(null);
    setFilesError(null);
    const files = Array.from(fileInput.current?.files ?? []);
    const precheck = uploads ? precheckFiles(files, uploads) : null;
    if (precheck) {
      setFilesError(precheck);
      fileInput.current?.focus();
      return false;
    }
    const key = (clientKey.current ??= newClientKey());
    const outcome = await callAction(() => call({ files, clientKey: key }), unreachable);
    if (!outcome.ok) {
      showFailure(outcome);
      return false;
    }
    clientKey.current = null;
    setFilesKey((k) => k + 1);
    setDone((typeof success === "function" ? success(outcome.data) : success) ?? null);
    onSuccess?.(outcome.data);
    if (refreshOnSuccess) router.refresh();
    return true;
  }

  return {
    form,
    problem,
    done,
    submit,
    clearProblem: () => setProblem(null),
    clearDone: () => setDone(null),
    /**
     * "Load the latest version": the page re-renders with the server's values; typed text stays.
     * The conflict stays on screen, marked as loading, until the new page has arrived, and then
     * says so: a save clicked before that would still carry the old version and be refused again.
     */
    refresh: () => {
      setDone(null);
      setProblem((p) => (p ? { ...p, reloading: true } : p));
      startReload(() => {
        router.refresh();
      });
      reloadAsked.current = true;
    },
    /** The ref for the form's file input (the files are read from it when sending). */
    fileRef: fileInput,
    /** For the same input: its `key` (a new one clears the input after a success), its error, and onChange (clears the error). */
    fileField: { key: filesKey, error: filesError ?? undefined, onChange: () => setFilesError(null) },
  };
}
