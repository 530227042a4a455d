"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { get, useWatch } from "react-hook-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/field";
import { createTeamAction, updateTeamAction } from "@/lib/config/teams/actions";
import { ZCreateTeam, ZUpdateTeam } from "@/lib/config/teams/schemas";

type Values = { id?: number; name: string; leadId: string; memberIds: string[]; active: boolean };
type Agent = { id: number; name: string; email: string; active: boolean };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function TeamForm({ initial, version = "", agents }: { initial?: Values & { id: number }; version?: string; agents: Agent[] }) {
  const router = useRouter();
  const editing = !!initial;
  const [filter, setFilter] = useState("");
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdateTeam : ZCreateTeam, initial ?? { name: "", leadId: "", memberIds: [], active: true });
  const chosen = useWatch({ control: form.control, name: "memberIds" });
  const chosenIds = new Set((Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).map(String));
  const membersError = (get(form.formState.errors, "memberIds") as { message?: string } | undefined)?.message;
  const needle = filter.trim().toLowerCase();
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateTeamAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Team saved.")
      : submit(async () => {
          const result = (await createTeamAction(values)) as ActionResultLike;
          if (result.ok) router.push("/admin/teams");
          return result;
        }, "Team created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit team" : "New team"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This team changed while you were editing" />
      <FormSection title="Team">
        <TextField form={form} name="name" label="Name" required />
        <SelectField form={form} name="leadId" label="Lead" empty="No lead" choices={agents.filter((a) => chosenIds.has(String(a.id))).map((a) => ({ value: a.id, label: a.name }))} hint="Chosen from the members ticked below." />
        <CheckboxField form={form} name="active" label="Active" hint="Only active teams can be given tickets." />
      </FormSection>
      <FormSection title="Members" description={`${chosenIds.size} chosen. Tickets assigned to the team appear in each member's queues.`}>
        <div>
          <label htmlFor="member-filter" className="block text-xs font-medium text-slate-600">Filter agents</label>
          <Input id="member-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className="mt-0.5 py-1.5" />
        </div>
        <fieldset>
          <legend className="sr-only">Members</legend>
          <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
            {agents.map((a) => {
              const hidden = needle && !`${a.name} ${a.email}`.toLowerCase().includes(needle);
              return (
                <li key={a.id} className={hidden ? "hidden" : "flex items-center gap-2.5 px-3 py-2"}>
                  <input id={`member-${a.id}`} type="checkbox" value={String(a.id)} className="h-4 w-4 rounded border-slate-300" {...form.register("memberIds")} />
                  <label htmlFor={`member-${a.id}`} className="min-w-0 text-sm">
                    <span className="font-medium text-slate-800">{a.name}</span>
                    {!a.active ? <span className="text-slate-500"> (deactivated)</span> : null}
                    <span className="block truncate text-xs text-slate-500">{a.email}</span>
                  </label>
                </li>
              );
            })}
          </ul>
          {membersError ? <p className="mt-2 text-sm text-red-700">{membersError}</p> : null}
        </fieldset>
      </FormSection>
      <SubmitRow label={editing ? "Save team" : "Create team"} pending={form.formState.isSubmitting} />
    </form>
  );
}
