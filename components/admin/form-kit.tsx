"use client";
// The pieces every admin form is made of: a react-hook-form bound to the action's zod schema (raw
// values go to the server, which parses them again), labelled fields that show their server-side
// errors, and the outcome of the last submission.
import { useId, useState, type ReactNode } from "react";
import { get, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useActionForm, type ActionResultLike, type FormProblem } from "@/components/forms/use-action-form";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";

/** The shared form hook (components/forms/use-action-form.ts) as admin screens use it: raw values go to the action. */
export function useAdminForm<T extends FieldValues>(schema: z.ZodType, defaultValues: DefaultValues<T>) {
  return useActionForm<T>({ schema, defaultValues, raw: true });
}

/**
 * The version of a settings screen or record this form saves against (lib/config/settings/screen.ts,
 * lib/server/admin-write.ts): the page's, until a save of this form returns the next one, so saving
 * twice from one page works and a save after someone else's is refused as a conflict instead of
 * undoing theirs. A newer version the page brings is taken only when asked (`follow`, for "Load the
 * latest version"): the form keeps the values it was drawn with (react-hook-form's defaults), so a
 * page refreshed for another reason (a button elsewhere on it) must not let them be saved as current.
 */
export function useScreenVersion(fromPage: string) {
  const [state, setState] = useState({ fromPage, current: fromPage, follow: false });
  let shown = state;
  if (state.fromPage !== fromPage) {
    shown = state.follow ? { fromPage, current: fromPage, follow: false } : { ...state, fromPage };
    setState(shown);
  }
  return {
    current: shown.current,
    /** "Load the latest version": save against the page's version from now on (the one shown, or the one the refresh brings). */
    follow: () => setState((s) => (s.fromPage !== s.current ? { ...s, current: s.fromPage, follow: false } : { ...s, follow: true })),
    save: async <R extends ActionResultLike>(call: Promise<R>): Promise<R> => {
      const result = await call;
      const data: unknown = result.ok ? result.data : undefined;
      const next = data && typeof data === "object" && "version" in data ? data.version : undefined;
      if (typeof next === "string") setState((s) => ({ ...s, current: next }));
      return result;
    },
  };
}

type FieldProps<T extends FieldValues> = { form: UseFormReturn<T>; name: Path<T>; label: string; hint?: string; required?: boolean };

function useFieldState<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>, hint?: string) {
  const id = `f-${useId().replace(/:/g, "")}-${name.replace(/\W/g, "-")}`;
  const error = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  return { id, error, a11y: { "aria-invalid": !!error, "aria-describedby": describedBy(id, { hint, error }) } };
}

export function TextField<T extends FieldValues>({ form, name, label, hint, required, type = "text", autoComplete, inputMode, className }: FieldProps<T> & { type?: string; autoComplete?: string; inputMode?: "numeric" | "text" | "email"; className?: string }) {
  const { id, error, a11y } = useFieldState(form, name, hint);
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <Input id={id} type={type} autoComplete={autoComplete ?? "off"} inputMode={inputMode} className={className} {...a11y} {...form.register(name)} />
    </Field>
  );
}

export function TextareaField<T extends FieldValues>({ form, name, label, hint, required, rows = 3 }: FieldProps<T> & { rows?: number }) {
  const { id, error, a11y } = useFieldState(form, name, hint);
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <Textarea id={id} rows={rows} {...a11y} {...form.register(name)} />
    </Field>
  );
}

export type Choice = { value: string | number; label: string };

export function SelectField<T extends FieldValues>({ form, name, label, hint, required, choices, empty, groups }: FieldProps<T> & { choices?: Choice[]; empty?: string; groups?: { label: string; choices: Choice[] }[] }) {
  const { id, error, a11y } = useFieldState(form, name, hint);
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required}>
      <Select id={id} {...a11y} {...form.register(name)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {choices?.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        {groups?.filter((g) => g.choices.length).map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}

export function CheckboxField<T extends FieldValues>({ form, name, label, hint }: FieldProps<T>) {
  const { id, error, a11y } = useFieldState(form, name, hint);
  return (
    <div className="flex items-start gap-2.5">
      <input id={id} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600" {...a11y} {...form.register(name)} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
        {hint ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
        {error ? <p id={`${id}-error`} className="text-sm text-red-700">{error}</p> : null}
      </div>
    </div>
  );
}

/** The last submission's outcome. A form that can reload the latest values without losing what was typed passes onReload. */
export function FormFeedback({ problem, done, onReload, conflictTitle }: { problem: FormProblem; done: string | null; onReload?: () => void; conflictTitle?: string }) {
  return (
    <>
      <FormProblemAlert problem={problem} onReload={onReload ?? (() => window.location.reload())} conflictTitle={conflictTitle} />
      {done ? <Alert tone="success">{done}</Alert> : null}
    </>
  );
}

/** A titled group of fields inside a form. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id={id} className="text-base font-semibold">{title}</h2>
        {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function SubmitRow({ label, pending, children }: { label: string; pending: boolean; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : label}</Button>
      {children}
    </div>
  );
}
