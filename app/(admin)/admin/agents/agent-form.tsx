"use client";
import { useState } from "react";
import { get, useFieldArray } from "react-hook-form";
import { CheckboxField, FormFeedback, FormSection, SubmitRow, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import { ShownOnce } from "@/components/admin/shown-once";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { describedBy, Select } from "@/components/ui/field";
import { inviteAgentAction, updateAgentAction } from "@/lib/config/agents/actions";
import { ZCreateAgent, ZUpdateAgent } from "@/lib/config/agents/schemas";

type Row = { departmentId: string; roleId: string };
type Values = { id?: number; name: string; email: string; username: string; isAdmin?: boolean; access: Row[] };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function AgentForm({ initial, version = "", departments, roles }: { initial?: Values & { id: number }; version?: string; departments: Choice[]; roles: Choice[] }) {
  const editing = !!initial;
  const [invited, setInvited] = useState<{ name: string; link: string } | null>(null);
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdateAgent : ZCreateAgent, initial ?? { name: "", email: "", username: "", isAdmin: false, access: [] });
  const rows = useFieldArray({ control: form.control, name: "access" });
  const accessError = (get(form.formState.errors, "access") as { message?: string } | undefined)?.message;
  const defaultRole = roles.find((r) => r.label === "Expanded access")?.value ?? roles[0]?.value ?? "";

  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateAgentAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Agent saved.")
      : submit(async () => {
          const result = (await inviteAgentAction(values)) as ActionResultLike;
          if (result.ok) {
            const data = result.data as { name: string; link: string };
            setInvited(data);
            form.reset({ name: "", email: "", username: "", isAdmin: false, access: [] });
          }
          return result;
        }, "Invitation created."),
  );

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit agent" : "Invite an agent"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This agent changed while you were editing" />
      {invited ? (
        <ShownOnce
          isPath
          title={`Invitation link for ${invited.name}`}
          value={invited.link}
          note="Send this link to the agent; they choose their password there. It works once and expires in 7 days. It will not be shown again (you can issue a new one from the agent's page)."
        />
      ) : null}
      <FormSection title="Person">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="name" label="Full name" required autoComplete="off" />
          <TextField form={form} name="email" label="Email" type="email" required inputMode="email" hint="They sign in with it." />
          <TextField form={form} name="username" label="Username" required hint="For @mentions in internal notes, e.g. jane.doe" />
        </div>
        {!editing ? <CheckboxField form={form} name="isAdmin" label="Administrator" hint="Administrators see every department and can change all of these settings." /> : null}
      </FormSection>
      <FormSection title="Department access" description="The role in each department decides what the agent may do with its tickets.">
        {rows.fields.length === 0 ? <p className="text-sm text-slate-600">No departments yet: the agent will see only tickets assigned to them.</p> : null}
        <ul className="space-y-3" aria-label="Departments and roles">
          {rows.fields.map((field, i) => {
            const dErr = (get(form.formState.errors, `access.${i}.departmentId`) as { message?: string } | undefined)?.message;
            const rErr = (get(form.formState.errors, `access.${i}.roleId`) as { message?: string } | undefined)?.message;
            const dId = `access-${i}-department`;
            const rId = `access-${i}-role`;
            return (
              <li key={field.id} className="grid items-start gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_1fr_auto]">
                <div>
                  <label htmlFor={dId} className="block text-xs font-medium text-slate-600">Department</label>
                  <Select id={dId} aria-invalid={!!dErr} aria-describedby={describedBy(dId, { error: dErr })} {...form.register(`access.${i}.departmentId`)}>
                    <option value="">Choose a department</option>
                    {departments.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
                  </Select>
                  {dErr ? <p id={`${dId}-error`} className="mt-1 text-sm text-red-700">{dErr}</p> : null}
                </div>
                <div>
                  <label htmlFor={rId} className="block text-xs font-medium text-slate-600">Role</label>
                  <Select id={rId} aria-invalid={!!rErr} aria-describedby={describedBy(rId, { error: rErr })} {...form.register(`access.${i}.roleId`)}>
                    <option value="">Choose a role</option>
                    {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
                  </Select>
                  {rErr ? <p id={`${rId}-error`} className="mt-1 text-sm text-red-700">{rErr}</p> : null}
                </div>
                <Button variant="ghost" className="sm:mt-4" onClick={() => rows.remove(i)} aria-label={`Remove department row ${i + 1}`}>Remove</Button>
              </li>
            );
          })}
        </ul>
        {accessError ? <p className="text-sm text-red-700" role="alert">{accessError}</p> : null}
        <Button variant="secondary" onClick={() => rows.append({ departmentId: "", roleId: String(defaultRole) })} disabled={departments.length === 0}>Add department</Button>
        {departments.length === 0 ? <p className="text-sm text-slate-600">Create a department first.</p> : null}
      </FormSection>
      <SubmitRow label={editing ? "Save agent" : "Invite agent"} pending={form.formState.isSubmitting} />
    </form>
  );
}
