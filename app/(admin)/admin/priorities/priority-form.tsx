"use client";
import { useRouter } from "next/navigation";
import { CheckboxField, FormFeedback, FormSection, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { createPriorityAction, updatePriorityAction } from "@/lib/config/priorities/actions";
import { ZCreatePriority, ZUpdatePriority } from "@/lib/config/priorities/schemas";

type Values = { id?: number; name: string; sortOrder: string; color: string; isDefault: boolean };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function PriorityForm({ initial, version = "", nextOrder }: { initial?: Values & { id: number }; version?: string; nextOrder?: number }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdatePriority : ZCreatePriority, initial ?? { name: "", sortOrder: String(nextOrder ?? 1), color: "#64748b", isDefault: false });
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updatePriorityAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Priority saved. Queues sorted by urgency follow the new order at once.")
      : submit(async () => {
          const result = (await createPriorityAction(values)) as ActionResultLike;
          if (result.ok) router.push("/admin/priorities");
          return result;
        }, "Priority created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit priority" : "New priority"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This priority changed while you were editing" />
      <FormSection title="Priority">
        <TextField form={form} name="name" label="Name" required />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="sortOrder" label="Order" type="number" inputMode="numeric" required hint="1 is the most urgent. Queues sort by it." />
          <TextField form={form} name="color" label="Colour" type="color" className="h-10 p-1" hint="Helps scanning; the name carries the meaning." />
        </div>
        <CheckboxField form={form} name="isDefault" label="Default priority" hint="Used when a ticket's help topic sets none. There is always exactly one default." />
      </FormSection>
      <SubmitRow label={editing ? "Save priority" : "Create priority"} pending={form.formState.isSubmitting} />
    </form>
  );
}
