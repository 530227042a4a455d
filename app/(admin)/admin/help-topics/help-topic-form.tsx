"use client";
import { useRouter } from "next/navigation";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { createHelpTopicAction, updateHelpTopicAction } from "@/lib/config/help-topics/actions";
import { ZCreateHelpTopic, ZUpdateHelpTopic } from "@/lib/config/help-topics/schemas";

type Values = { id?: number; name: string; parentId: string; departmentId: string; priorityId: string; slaPlanId: string; active: boolean; isPublic: boolean; sortOrder: string };
export type HelpTopicChoices = { parents: Choice[]; departments: Choice[]; priorities: Choice[]; slaPlans: Choice[] };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function HelpTopicForm({ initial, version = "", choices }: { initial?: Values & { id: number }; version?: string; choices: HelpTopicChoices }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(
    editing ? ZUpdateHelpTopic : ZCreateHelpTopic,
    initial ?? { name: "", parentId: "", departmentId: "", priorityId: "", slaPlanId: "", active: true, isPublic: true, sortOrder: "0" },
  );
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateHelpTopicAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Help topic saved.")
      : submit(async () => {
          const result = (await createHelpTopicAction(values)) as ActionResultLike;
          if (result.ok) router.push("/admin/help-topics?created=1");
          return result;
        }, "Help topic created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit help topic" : "New help topic"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This help topic changed while you were editing" />
      <FormSection title="Topic">
        <TextField form={form} name="name" label="Name" required hint="What requesters choose, e.g. “Invoices”." />
        <SelectField form={form} name="parentId" label="Parent topic" empty="None (top level)" choices={choices.parents} hint="Nest it under a broader topic." />
        <TextField form={form} name="sortOrder" label="Sort order" type="number" inputMode="numeric" hint="Lower numbers come first on the form." />
        <CheckboxField form={form} name="active" label="Active" hint="Inactive topics are not offered for new tickets." />
        <CheckboxField form={form} name="isPublic" label="Public" hint="Shown on the public open-a-ticket form. Internal topics are for agents only." />
      </FormSection>
      <FormSection title="Routing" description="Tickets opened under this topic go to this department, with this priority and SLA plan.">
        <SelectField form={form} name="departmentId" label="Department" required empty="Choose a department" choices={choices.departments} />
        <SelectField form={form} name="priorityId" label="Priority" empty="The default priority" choices={choices.priorities} />
        <SelectField form={form} name="slaPlanId" label="SLA plan" empty="The department's SLA plan" choices={choices.slaPlans} />
      </FormSection>
      <SubmitRow label={editing ? "Save help topic" : "Create help topic"} pending={form.formState.isSubmitting} />
    </form>
  );
}
