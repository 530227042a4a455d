"use client";
import { useWatch } from "react-hook-form";
import { CheckboxField, FormFeedback, FormSection, SelectField, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import { updateSettingsAction } from "@/lib/config/settings/actions";
import { ZSettingsForm } from "@/lib/config/settings/schemas";

export type SettingsValues = {
  helpdeskName: string; helpdeskUrl: string; timeZone: string; ticketNumberMode: string; ticketNumberPrefix: string;
  attachmentMaxFileMb: string; attachmentMaxFiles: string; attachmentMaxTotalMb: string; attachmentAllowedTypes: string;
  requesterCanClose: boolean; requesterCanReopen: boolean; reopenWithinDays: string;
};

export function SettingsForm({ initial, timeZones, version }: { initial: SettingsValues; timeZones: string[]; version: string }) {
  const { form, problem, done, submit, refresh } = useAdminForm<SettingsValues>(ZSettingsForm, initial);
  const screen = useScreenVersion(version);
  const mode = useWatch({ control: form.control, name: "ticketNumberMode" });
  const prefix = useWatch({ control: form.control, name: "ticketNumberPrefix" });
  const canReopen = useWatch({ control: form.control, name: "requesterCanReopen" });
  const example = `${prefix ?? ""}${mode === "sequential" ? "1042" : "583920"}`;
  return (
    <form noValidate onSubmit={form.handleSubmit((v) => submit(() => screen.save(updateSettingsAction({ ...v, version: screen.current })), "Settings saved."))} className="space-y-5" aria-label="Help desk settings">
      <FormFeedback problem={problem} done={done} onReload={() => { screen.follow(); refresh(); }} conflictTitle="These settings changed while you were working" />
      <FormSection title="General">
        <TextField form={form} name="helpdeskName" label="Help desk name" required hint="Shown on the support portal and in emails." />
        <TextField form={form} name="helpdeskUrl" label="Help desk address" type="url" hint="The public address, e.g. https://help.example.com. Used in links sent by email." />
        <SelectField form={form} name="timeZone" label="Default time zone" choices={timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))} hint="For staff who have not chosen their own." />
      </FormSection>
      <FormSection title="Ticket numbers" description={`New tickets will look like #${example}. Existing tickets keep their numbers.`}>
        <SelectField form={form} name="ticketNumberMode" label="Numbering" choices={[{ value: "random", label: "Random (hard to guess)" }, { value: "sequential", label: "Sequential (1, 2, 3…)" }]} />
        <TextField form={form} name="ticketNumberPrefix" label="Prefix" hint="Optional, e.g. HD-. Letters, digits and dashes." />
      </FormSection>
      <FormSection title="Attachments" description="Limits for files sent with tickets and replies.">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField form={form} name="attachmentMaxFileMb" label="Largest file (MB)" type="number" inputMode="numeric" />
          <TextField form={form} name="attachmentMaxFiles" label="Files per message" type="number" inputMode="numeric" hint="0 turns attachments off." />
          <TextField form={form} name="attachmentMaxTotalMb" label="Total per message (MB)" type="number" inputMode="numeric" />
        </div>
        <TextField form={form} name="attachmentAllowedTypes" label="Allowed file types" hint="File extensions separated by commas. Files are also checked by their content." />
      </FormSection>
      <FormSection title="Requesters">
        <CheckboxField form={form} name="requesterCanClose" label="Requesters may close their tickets" />
        <CheckboxField form={form} name="requesterCanReopen" label="Requesters may reopen their tickets" />
        {canReopen ? <TextField form={form} name="reopenWithinDays" label="Reopen within (days)" type="number" inputMode="numeric" hint="After this many days a closed ticket can no longer be reopened by the requester; they open a new one. 0 means no limit." /> : null}
      </FormSection>
      <SubmitRow label="Save settings" pending={form.formState.isSubmitting} />
    </form>
  );
}
