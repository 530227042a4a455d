"use client";
// The workflow steps beside the thread: each a small form with its own schema and server action,
// carrying the ticket's version so a change by someone else is caught, not overwritten.
import { zodResolver } from "@hookform/resolvers/zod";
import { createContext, useContext, useEffect, useId, useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { useActionSubmit, type ActionResultLike } from "@/components/tickets/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { assignAction, changeStatusAction, escalateAction, setPriorityAction, transferAction } from "@/lib/tickets/actions";
import { ZAssign, ZChangeStatus, ZEscalate, ZSetPriority, ZTransfer } from "@/lib/tickets/schemas";

type Ref = { ticketId: number; version: number };
type Option = { id: number; name: string };

const StepOutcome = createContext<((message: string | null) => void) | null>(null);

/**
 * Where the steps' successes are told. It sits above the forms and stays when the form that
 * succeeded goes away: after a transfer out of the agent's department, or a close that ends what
 * they may change, the refreshed page no longer shows that form, and its message would go with it.
 */
export function StepOutcomes({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <StepOutcome.Provider value={setNotice}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {children}
    </StepOutcome.Provider>
  );
}

function useStepForm<T extends FieldValues>(schema: z.ZodType, ticketRef: Ref, defaults: Omit<T, "ticketId" | "version">) {
  const form = useForm<T>({ resolver: zodResolver(schema as never) as never, defaultValues: { ...ticketRef, ...defaults } as DefaultValues<T> });
  const action = useActionSubmit<T>(form.setError);
  const announce = useContext(StepOutcome);
  const { setValue } = form;
  useEffect(() => setValue("version" as Path<T>, ticketRef.version as never), [ticketRef.version, setValue]);
  if (!announce) return { form, ...action };
  const submit: typeof action.submit = (call, success, onSuccess) => {
    announce(null);
    return action.submit(call, success, () => {
      onSuccess?.();
      announce(success);
    });
  };
  // The success is told once, by StepOutcomes; the form shows its problems.
  return { form, ...action, submit, done: null };
}

function StepCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold">{title}</h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

function Feedback({ problem, done, onReload }: { problem: ReturnType<typeof useActionSubmit>["problem"]; done: string | null; onReload: () => void }) {
  return (
    <>
      <FormProblemAlert problem={problem} onReload={onReload} />
      {done ? <Alert tone="success">{done}</Alert> : null}
    </>
  );
}

export function PriorityForm({ ticketRef, current, priorities }: { ticketRef: Ref; current: number; priorities: Option[] }) {
  const id = useId();
  const { form, problem, done, submit, refresh } = useStepForm<{ ticketId: number; version: number; priorityId: number }>(ZSetPriority, ticketRef, { priorityId: current });
  const error = form.formState.errors.priorityId?.message;
  return (
    <StepCard title="Priority">
      <form noValidate className="space-y-2" onSubmit={form.handleSubmit((v) => submit(() => setPriorityAction({ ...v, version: ticketRef.version }) as Promise<ActionResultLike>, "Priority updated."))}>
        <Feedback problem={problem} done={done} onReload={refresh} />
        <Field id={`${id}-p`} label="Set priority" error={error}>
          <Select id={`${id}-p`} aria-invalid={!!error} aria-describedby={describedBy(`${id}-p`, { error })} {...form.register("priorityId")}>
            {priorities.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Select>
        </Field>
        <Button type="submit" variant="secondary" className="w-full" disabled={form.formState.isSubmitting}>Update priority</Button>
      </form>
    </StepCard>
  );
}

export function AssignForm({ ticketRef, current, agents, teams, actorId }: { ticketRef: Ref; current: string; agents: Option[]; teams: Option[]; actorId: number }) {
  const id = useId();
  const { form, problem, done, submit, refresh } = useStepForm<{ ticketId: number; version: number; assignee: string }>(ZAssign, ticketRef, { assignee: current });
  const error = form.formState.errors.assignee?.message;
  const send = (assignee: string) => submit(() => assignAction({ ticketId: ticketRef.ticketId, version: ticketRef.version, assignee }) as Promise<ActionResultLike>, assignee === "me" ? "You now own this ticket." : "Assignment updated.");
  return (
    <StepCard title="Assignment">
      <form noValidate className="space-y-2" onSubmit={form.handleSubmit((v) => send(v.assignee))}>
        <Feedback problem={problem} done={done} onReload={refresh} />
        <Field id={`${id}-a`} label="Assign to" error={error}>
          <Select id={`${id}-a`} aria-invalid={!!error} aria-describedby={describedBy(`${id}-a`, { error })} {...form.register("assignee")}>
            <option value="none">Nobody</option>
            <optgroup label="Agents">
              {agents.map((a) => <option key={a.id} value={`staff:${a.id}`}>{a.name}</option>)}
            </optgroup>
            {teams.length ? (
              <optgroup label="Teams">
                {teams.map((t) => <option key={t.id} value={`team:${t.id}`}>{t.name}</option>)}
              </optgroup>
            ) : null}
          </Select>
        </Field>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary" className="flex-1" disabled={form.formState.isSubmitting}>Assign</Button>
          {current !== `staff:${actorId}` ? <Button variant="secondary" className="flex-1" disabled={form.formState.isSubmitting} onClick={() => send("me")}>Claim (assign to me)</Button> : null}
        </div>
      </form>
    </StepCard>
  );
}

export function TransferForm({ ticketRef, departments }: { ticketRef: Ref; departments: Option[] }) {
  const id = useId();
  const { form, problem, done, submit, refresh } = useStepForm<{ ticketId: number; version: number; departmentId: number | string; reason: string }>(ZTransfer, ticketRef, { departmentId: "", reason: "" });
  const e = form.formState.errors;
  if (!departments.length) return null;
  return (
    <StepCard title="Transfer">
      <form noValidate className="space-y-2" onSubmit={form.handleSubmit((v) => submit(() => transferAction({ ...v, version: ticketRef.version }) as Promise<ActionResultLike>, "Ticket transferred.", () => form.reset({ ...ticketRef, departmentId: "", reason: "" })))}>
        <Feedback problem={problem} done={done} onReload={refresh} />
        <Field id={`${id}-d`} label="To department" error={e.departmentId?.message}>
          <Select id={`${id}-d`} aria-invalid={!!e.departmentId} aria-describedby={describedBy(`${id}-d`, { error: e.departmentId?.message })} {...form.register("departmentId")}>
            <option value="">Choose a department</option>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </Select>
        </Field>
        <Field id={`${id}-r`} label="Reason" error={e.reason?.message} hint="Shown in the history and to the new department.">
          <Input id={`${id}-r`} aria-invalid={!!e.reason} aria-describedby={describedBy(`${id}-r`, { error: e.reason?.message, hint: "x" })} {...form.register("reason")} />
        </Field>
        <Button type="submit" variant="secondary" className="w-full" disabled={form.formState.isSubmitting}>Transfer ticket</Button>
      </form>
    </StepCard>
  );
}

export function StatusForm({ ticketRef, current, statuses }: { ticketRef: Ref; current: number; statuses: (Option & { kind: string })[] }) {
  const id = useId();
  const { form, problem, done, submit, refresh } = useStepForm<{ ticketId: number; version: number; statusId: number | string; note: string }>(ZChangeStatus, ticketRef, { statusId: current, note: "" });
  const e = form.formState.errors;
  const chosen = statuses.find((s) => String(s.id) === String(form.watch("statusId")));
  const resolving = chosen?.kind === "RESOLVED";
  const hint = resolving ? "Required: what was wrong and what fixed it. Kept as an internal note." : "Optional. Kept as an internal note.";
  return (
    <StepCard title="Status">
      <form noValidate className="space-y-2" onSubmit={form.handleSubmit((v) => submit(() => changeStatusAction({ ...v, version: ticketRef.version }) as Promise<ActionResultLike>, "Status updated.", () => form.setValue("note", "")))}>
        <Feedback problem={problem} done={done} onReload={refresh} />
        <Field id={`${id}-s`} label="Change status to" error={e.statusId?.message}>
          <Select id={`${id}-s`} aria-invalid={!!e.statusId} aria-describedby={describedBy(`${id}-s`, { error: e.statusId?.message })} {...form.register("statusId")}>
            {statuses.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </Select>
        </Field>
        <Field id={`${id}-n`} label={resolving ? "Resolution note" : "Note"} hint={hint} error={e.note?.message} required={resolving}>
          <Textarea id={`${id}-n`} rows={3} aria-invalid={!!e.note} aria-describedby={describedBy(`${id}-n`, { hint, error: e.note?.message })} {...form.register("note")} />
        </Field>
        <Button type="submit" variant="secondary" className="w-full" disabled={form.formState.isSubmitting}>{resolving ? "Resolve ticket" : "Update status"}</Button>
      </form>
    </StepCard>
  );
}

export function EscalateForm({ ticketRef }: { ticketRef: Ref }) {
  const id = useId();
  const { form, problem, done, submit, refresh } = useStepForm<{ ticketId: number; version: number; reason: string }>(ZEscalate, ticketRef, { reason: "" });
  const error = form.formState.errors.reason?.message;
  const hint = "Raises the priority one step and alerts the department manager.";
  return (
    <StepCard title="Escalate">
      <form noValidate className="space-y-2" onSubmit={form.handleSubmit((v) => submit(() => escalateAction({ ...v, version: ticketRef.version }) as Promise<ActionResultLike>, "Ticket escalated.", () => form.setValue("reason", "")))}>
        <Feedback problem={problem} done={done} onReload={refresh} />
        <Field id={`${id}-e`} label="Why does this need escalating?" hint={hint} error={error}>
          <Input id={`${id}-e`} aria-invalid={!!error} aria-describedby={describedBy(`${id}-e`, { hint, error })} {...form.register("reason")} />
        </Field>
        <Button type="submit" variant="danger" className="w-full" disabled={form.formState.isSubmitting}>Escalate ticket</Button>
      </form>
    </StepCard>
  );
}
