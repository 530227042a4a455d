"use client";
// The ticket's properties in one panel: each change applies at once (one choice, no extra button),
// except those that need words: resolving asks for the resolution, a transfer and an escalation for
// a reason, in a small reveal under the field.
//
// Every control shows the server's value for the version the page was rendered at. A choice being
// sent is shown only while that version is current; once the page has the next version, the
// server's value is shown again. So no field can keep a stale value after any action, and every
// step carries the version it was chosen against: a step on a ticket someone else changed is
// refused with what changed, never applied over it.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { callAction, type ActionResultLike, type FormProblem } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Input, Select, Textarea } from "@/components/ui/field";
import { assignAction, changeStatusAction, escalateAction, setPriorityAction, transferAction } from "@/lib/tickets/actions";

type Ref = { ticketId: number; version: number };
type Option = { id: number; name: string };
export type StatusOption = Option & { kind: string; allowed: boolean };
type Field = "statusId" | "priorityId" | "assignee" | "departmentId" | "escalate";
type Draft = { version: number; field: Field; value: string };

export type PanelProps = {
  ticketRef: Ref;
  current: { statusId: number; priorityId: number; assignee: string; departmentId: number };
  labels: { status: string; priority: string; assignee: string; department: string };
  options: { statuses: StatusOption[]; priorities: Option[]; agents: Option[]; teams: Option[]; departments: Option[] };
  can: { status: boolean; priority: boolean; assign: boolean; transfer: boolean; escalate: boolean };
  actorId: number;
  requesterName: string;
  children?: React.ReactNode;
};

const nameOf = (options: Option[], id: string) => options.find((o) => String(o.id) === id)?.name ?? "";

function assigneeName(value: string, options: PanelProps["options"]) {
  if (value === "none") return "nobody";
  const [kind, id] = value.split(":");
  return kind === "team" ? `the team ${nameOf(options.teams, id)}` : nameOf(options.agents, id);
}

function Row({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium uppercase tracking-wide text-slate-600">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

function ReadOnly({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      <p className="text-sm font-medium text-slate-900">{value}</p>
    </div>
  );
}

export function PropertiesPanel({ ticketRef, current, labels, options, can, actorId, requesterName, children }: PanelProps) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Typed words outlive a refused step and a reload of the ticket: only a success clears them.
  const [words, setWords] = useState({ resolution: "", reason: "", escalate: "" });
  // After a success, the panel waits for the page's next version before taking another step.
  const [sentAt, setSentAt] = useState<number | null>(null);
  const busy = pending || sentAt === ticketRef.version;
  // A refusal speaks of the version it was made against: once the page shows a newer one, it goes.
  const [seenVersion, setSeenVersion] = useState(ticketRef.version);
  if (seenVersion !== ticketRef.version) {
    setSeenVersion(ticketRef.version);
    setProblem(null);
    setErrors({});
  }

  const live = draft && draft.version === ticketRef.version ? draft : null;
  const shown = (field: Exclude<Field, "escalate">) => (live?.field === field ? live.value : String(current[field]));
  const setDraft = (field: Field, value: string) => setDraftState({ version: ticketRef.version, field, value });
  const err = (field: string): string | undefined => errors[field];

  function run(call: () => Promise<ActionResultLike>, success: string, clear?: keyof typeof words) {
    setNotice(null);
    setProblem(null);
    setErrors({});
    // After a failure a choice that applies at once shows the server's value again; a reveal stays
    // open with its words when the problem is in them.
    const undo = (wordsAtFault: boolean) => setDraftState((d) => (d && (d.field === "priorityId" || d.field === "assignee" || (d.field === "statusId" && !wordsAtFault)) ? null : d));
    startTransition(async () => {
      const outcome = await callAction(call, "The help desk could not be reached. Check your connection and try again.");
      if (!outcome.ok) {
        setErrors(outcome.fieldErrors);
        setProblem(outcome.problem);
        // A request that got no answer leaves a reveal open with its words, as a refusal of them does.
        undo(!outcome.answered || !!outcome.fieldErrors.note);
        return;
      }
      if (clear) setWords((w) => ({ ...w, [clear]: "" }));
      setSentAt(ticketRef.version);
      setNotice(success);
      router.refresh();
    });
  }

  const ref = { ticketId: ticketRef.ticketId, version: ticketRef.version };
  const setPriority = (value: string) => {
    setDraft("priorityId", value);
    run(() => setPriorityAction({ ...ref, priorityId: value }), `Priority set to ${nameOf(options.priorities, value)}.`);
  };
  const assign = (value: string) => {
    setDraft("assignee", value === "me" ? `staff:${actorId}` : value);
    run(() => assignAction({ ...ref, assignee: value }), value === "me" ? "You now own this ticket." : `Assigned to ${assigneeName(value, options)}.`);
  };
  const chooseStatus = (value: string) => {
    const target = options.statuses.find((s) => String(s.id) === value);
    setDraft("statusId", value);
    if (target?.kind === "RESOLVED") return;
    run(() => changeStatusAction({ ...ref, statusId: value, note: "" }), `Status set to ${target?.name ?? ""}.`);
  };
  const resolve = () => run(() => changeStatusAction({ ...ref, statusId: live?.value ?? "", note: words.resolution }), `Resolved. The resolution was sent to ${requesterName}.`, "resolution");
  const transfer = () => run(() => transferAction({ ...ref, departmentId: live?.value ?? "", reason: words.reason }), `Transferred to ${nameOf(options.departments, live?.value ?? "")}.`, "reason");
  const escalate = () => run(() => escalateAction({ ...ref, reason: words.escalate }), "Ticket escalated.", "escalate");
  const cancel = () => {
    setDraftState(null);
    setErrors({});
    setProblem(null);
  };

  const resolving = live?.field === "statusId" && options.statuses.find((s) => String(s.id) === live.value)?.kind === "RESOLVED";
  const transferring = live?.field === "departmentId" && live.value !== String(current.departmentId);
  const escalating = live?.field === "escalate";
  // `errorKey`: the schema's field when it differs from the control's (the escalation's "reason").
  const control = (field: string, hint?: string, errorKey = field) => ({ id: `${id}-${field}`, "aria-invalid": !!err(errorKey), "aria-describedby": describedBy(`${id}-${field}`, { error: err(errorKey), hint }) });

  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="properties">
      <h2 id={`${id}-title`} className="text-sm font-semibold">Properties</h2>
      <div className="mt-3 space-y-3" aria-busy={busy}>
        <div aria-live="polite">{notice ? <Alert tone="success">{notice}</Alert> : null}</div>
        <FormProblemAlert problem={problem} onReload={() => { setProblem(null); setErrors({}); router.refresh(); }} />

        {can.status ? (
          <Row id={`${id}-statusId`} label="Status" error={err("statusId")}>
            <Select {...control("statusId")} value={shown("statusId")} disabled={busy} onChange={(e) => chooseStatus(e.target.value)}>
              {options.statuses.map((s) => <option key={s.id} value={s.id} disabled={!s.allowed && s.id !== current.statusId}>{s.name}</option>)}
            </Select>
          </Row>
        ) : <ReadOnly label="Status" value={labels.status} />}
        {resolving ? (
          <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50/60 p-3">
            <Row id={`${id}-note`} label="Resolution" error={err("note")} hint={`Sent to ${requesterName} as a reply and shown on their page.`}>
              <Textarea {...control("note", "x")} rows={3} required value={words.resolution} onChange={(e) => setWords({ ...words, resolution: e.target.value })} />
            </Row>
            <div className="flex gap-2">
              <Button className="flex-1" disabled={busy} onClick={resolve}>Resolve and send</Button>
              <Button variant="secondary" disabled={busy} onClick={cancel}>Cancel</Button>
            </div>
          </div>
        ) : null}

        {can.priority ? (
          <Row id={`${id}-priorityId`} label="Priority" error={err("priorityId")}>
            <Select {...control("priorityId")} value={shown("priorityId")} disabled={busy} onChange={(e) => setPriority(e.target.value)}>
              {options.priorities.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          </Row>
        ) : <ReadOnly label="Priority" value={labels.priority} />}

        {can.assign ? (
          <Row id={`${id}-assignee`} label="Assignee" error={err("assignee")}>
            <div className="flex gap-2">
              <Select {...control("assignee")} value={shown("assignee")} disabled={busy} onChange={(e) => assign(e.target.value)} className="min-w-0 flex-1">
                <option value="none">Nobody</option>
                <optgroup label="Agents">
                  {options.agents.map((a) => <option key={a.id} value={`staff:${a.id}`}>{a.name}</option>)}
                </optgroup>
                {options.teams.length ? (
                  <optgroup label="Teams">
                    {options.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>{t.name} (team)</option>)}
                  </optgroup>
                ) : null}
              </Select>
              {shown("assignee") !== `staff:${actorId}` ? <Button variant="secondary" disabled={busy} onClick={() => assign("me")}>Claim</Button> : null}
            </div>
          </Row>
        ) : <ReadOnly label="Assignee" value={labels.assignee} />}

        {can.transfer ? (
          <Row id={`${id}-departmentId`} label="Department" error={err("departmentId")}>
            <Select {...control("departmentId")} value={shown("departmentId")} disabled={busy} onChange={(e) => setDraft("departmentId", e.target.value)}>
              {options.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </Select>
          </Row>
        ) : <ReadOnly label="Department" value={labels.department} />}
        {transferring ? (
          <div className="space-y-2 rounded-md border border-sky-200 bg-sky-50/60 p-3">
            <Row id={`${id}-reason`} label="Reason for the transfer" error={err("reason")} hint="Shown in the history and to the new department.">
              <Input {...control("reason", "x")} required value={words.reason} onChange={(e) => setWords({ ...words, reason: e.target.value })} />
            </Row>
            <div className="flex gap-2">
              <Button className="flex-1" disabled={busy} onClick={transfer}>Transfer</Button>
              <Button variant="secondary" disabled={busy} onClick={cancel}>Cancel</Button>
            </div>
          </div>
        ) : null}

        {children}

        {can.escalate ? (
          escalating ? (
            <div className="space-y-2 rounded-md border border-red-200 bg-red-50/60 p-3">
              <Row id={`${id}-escalate`} label="Why does this need escalating?" error={err("reason")} hint="Raises the priority one step and alerts the department manager.">
                <Input {...control("escalate", "x", "reason")} required value={words.escalate} onChange={(e) => setWords({ ...words, escalate: e.target.value })} />
              </Row>
              <div className="flex gap-2">
                <Button variant="danger" className="flex-1" disabled={busy} onClick={escalate}>Escalate</Button>
                <Button variant="secondary" disabled={busy} onClick={cancel}>Cancel</Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" className="w-full" disabled={busy} onClick={() => setDraft("escalate", "")}>Escalate…</Button>
          )
        ) : null}
      </div>
    </section>
  );
}
