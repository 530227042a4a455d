"use client";
import { useRouter } from "next/navigation";
import { CheckboxField, FormFeedback, FormSection, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { createSlaPlanAction, updateSlaPlanAction } from "@/lib/config/sla/actions";
import { ZCreateSlaPlan, ZUpdateSlaPlan } from "@/lib/config/sla/schemas";

type Values = { id?: number; name: string; firstResponseHours: string; firstResponseMinutes: string; resolutionHours: string; resolutionMinutes: string; businessHoursOnly: boolean; active: boolean };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function SlaPlanForm({ initial, version = "" }: { initial?: Values & { id: number }; version?: string }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(
    editing ? ZUpdateSlaPlan : ZCreateSlaPlan,
    initial ?? { name: "", firstResponseHours: "8", firstResponseMinutes: "0", resolutionHours: "72", resolutionMinutes: "0", businessHoursOnly: false, active: true },
  );
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateSlaPlanAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "SLA plan saved. New targets apply to tickets opened from now on.")
      : submit(async () => {
          const result = (await createSlaPlanAction(values)) as ActionResultLike;
          if (result.ok) router.push("/admin/sla");
          return result;
        }, "SLA plan created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit SLA plan" : "New SLA plan"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This SLA plan changed while you were editing" />
      <FormSection title="Plan">
        <TextField form={form} name="name" label="Name" required hint="Say the targets in the name, e.g. “Standard (8 h response, 3 days)”." />
        <CheckboxField form={form} name="active" label="Active" hint="Inactive plans are not offered for departments and help topics; tickets keep theirs." />
        <CheckboxField form={form} name="businessHoursOnly" label="Business hours only" hint="Count only business hours towards the targets." />
      </FormSection>
      <FormSection title="First response" description="How soon an agent should first reply. Leave both blank for no target.">
        <div className="grid grid-cols-2 gap-4">
          <TextField form={form} name="firstResponseHours" label="Hours" type="number" inputMode="numeric" />
          <TextField form={form} name="firstResponseMinutes" label="Minutes" type="number" inputMode="numeric" />
        </div>
      </FormSection>
      <FormSection title="Resolution" description="How soon the ticket should be resolved; past it, the ticket is overdue.">
        <div className="grid grid-cols-2 gap-4">
          <TextField form={form} name="resolutionHours" label="Hours" type="number" inputMode="numeric" required />
          <TextField form={form} name="resolutionMinutes" label="Minutes" type="number" inputMode="numeric" />
        </div>
      </FormSection>
      <SubmitRow label={editing ? "Save SLA plan" : "Create SLA plan"} pending={form.formState.isSubmitting} />
    </form>
  );
}
