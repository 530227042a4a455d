"use client";
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextareaField, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import { createDepartmentAction, updateDepartmentAction } from "@/lib/config/departments/actions";
import { ZCreateDepartment, ZUpdateDepartment } from "@/lib/config/departments/schemas";

type Values = { id?: number; name: string; description: string; managerId: string; slaPlanId: string; defaultAssignee: string; isPublic: boolean };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function DepartmentForm({ initial, version = "", members, slaPlans, teams }: { initial?: Values & { id: number }; version?: string; members: Choice[]; slaPlans: Choice[]; teams: Choice[] }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdateDepartment : ZCreateDepartment, initial ?? { name: "", description: "", managerId: "", slaPlanId: "", defaultAssignee: "", isPublic: true });
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateDepartmentAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Department saved.")
      : submit(async () => {
          const result = (await createDepartmentAction(values)) as ActionResultLike;
          if (result.ok) router.push(`/admin/departments/${(result.data as { id: number }).id}?created=1`);
          return result;
        }, "Department created."),
  );
  const noMembers = members.length === 0;
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit department" : "New department"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This department changed while you were editing" />
      <FormSection title="Details">
        <TextField form={form} name="name" label="Name" required hint="Shown to requesters when the department is public." />
        <TextareaField form={form} name="description" label="Description" hint="Optional. What this department handles." />
        <CheckboxField form={form} name="isPublic" label="Public" hint="Requesters may see this department's name; its public help topics appear on the open-a-ticket form." />
      </FormSection>
      <FormSection title="Routing" description={noMembers ? "Invite agents into this department first; its manager and default assignee are chosen from its members." : "New tickets of this department go to the default assignee or team."}>
        <SelectField form={form} name="managerId" label="Manager" empty="No manager" choices={members} hint="Escalations notify the manager. Must be a member of the department." />
        <SelectField form={form} name="slaPlanId" label="Default SLA plan" empty="No SLA plan" choices={slaPlans} hint="Used when the ticket's help topic has no SLA plan of its own." />
        <SelectField
          form={form}
          name="defaultAssignee"
          label="Default assignment"
          empty="Nobody (tickets wait in the queue)"
          groups={[
            { label: "Agents in this department", choices: members.map((m) => ({ value: `staff:${m.value}`, label: m.label })) },
            { label: "Teams", choices: teams.map((t) => ({ value: `team:${t.value}`, label: t.label })) },
          ]}
        />
      </FormSection>
      <SubmitRow label={editing ? "Save department" : "Create department"} pending={form.formState.isSubmitting} />
    </form>
  );
}
