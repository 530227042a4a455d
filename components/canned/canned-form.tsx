"use client";
// The canned response form of both consoles. `basePath` is where the list lives (/admin/canned or
// /agent/canned); `sharedLabel` offers "all departments", which only administrators may choose.
import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { FormFeedback, FormSection, SelectField, SubmitRow, TextareaField, TextField, useAdminForm, useScreenVersion, type Choice } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { createCannedAction, updateCannedAction } from "@/lib/canned/actions";
import { CANNED_PLACEHOLDERS, unknownPlaceholders } from "@/lib/canned/canned-expand";
import { ZCreateCanned, ZUpdateCanned } from "@/lib/canned/schemas";

type Values = { id?: number; title: string; body: string; departmentId: string };

/** `version`: the edited response's version as the page read it; a save against an older one is refused as a conflict. */
export function CannedForm({ initial, version = "", departments, basePath, sharedLabel }: { initial?: Values & { id: number }; version?: string; departments: Choice[]; basePath: string; sharedLabel?: string }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdateCanned : ZCreateCanned, initial ?? { title: "", body: "", departmentId: sharedLabel === undefined && departments.length ? String(departments[0].value) : "" });
  const body = useWatch({ control: form.control, name: "body" }) ?? "";
  const unknown = unknownPlaceholders(body);
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateCannedAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Canned response saved.")
      : submit(async () => {
          const result = (await createCannedAction(values)) as ActionResultLike;
          if (result.ok) router.push(basePath);
          return result;
        }, "Canned response created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit canned response" : "New canned response"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This response changed while you were editing it" />
      <FormSection title="Canned response">
        <TextField form={form} name="title" label="Title" required hint="What agents pick from the list, e.g. “Password reset steps”." />
        <SelectField form={form} name="departmentId" label="Department" empty={sharedLabel} choices={departments} />
        <TextareaField form={form} name="body" label="Response" required rows={8} hint={`Placeholders: ${CANNED_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}. They are filled in when an agent inserts the response.`} />
        {unknown.length ? <Alert tone="warning">Not a known placeholder, will be inserted as typed: {unknown.map((u) => `{{${u}}}`).join(", ")}</Alert> : null}
      </FormSection>
      <SubmitRow label={editing ? "Save canned response" : "Create canned response"} pending={form.formState.isSubmitting} />
    </form>
  );
}
