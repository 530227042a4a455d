"use client";
import { useRouter } from "next/navigation";
import { get } from "react-hook-form";
import { FormFeedback, FormSection, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { createRoleAction, updateRoleAction } from "@/lib/config/roles/actions";
import { ZCreateRole, ZUpdateRole } from "@/lib/config/roles/schemas";
import { PERMISSION_LABELS, PERMISSIONS } from "@/lib/auth/permissions";

type Values = { id?: number; name: string; permissions: string[] };

/** `version`: what the edit page was drawn with; a save after someone else's is refused instead of undoing it. */
export function RoleForm({ initial, version = "" }: { initial?: Values & { id: number }; version?: string }) {
  const router = useRouter();
  const editing = !!initial;
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(editing ? ZUpdateRole : ZCreateRole, initial ?? { name: "", permissions: ["ticket.reply", "ticket.note"] });
  const error = (get(form.formState.errors, "permissions") as { message?: string } | undefined)?.message;
  const onSubmit = form.handleSubmit((values) =>
    editing
      ? submit(() => saved.save(updateRoleAction({ ...values, version: saved.current })) as Promise<ActionResultLike>, "Role saved. Agents with this role have the new permissions at once.")
      : submit(async () => {
          const result = (await createRoleAction(values)) as ActionResultLike;
          if (result.ok) router.push("/admin/roles");
          return result;
        }, "Role created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label={editing ? "Edit role" : "New role"}>
      <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This role changed while you were editing" />
      <FormSection title="Role">
        <TextField form={form} name="name" label="Name" required />
      </FormSection>
      <FormSection title="Permissions" description="What an agent with this role may do with the tickets of a department. Every agent can read the tickets of their departments.">
        <fieldset>
          <legend className="sr-only">Permissions</legend>
          <ul className="grid gap-2 sm:grid-cols-2">
            {PERMISSIONS.map((p) => (
              <li key={p} className="flex items-start gap-2.5">
                <input id={`perm-${p}`} type="checkbox" value={p} className="mt-0.5 h-4 w-4 rounded border-slate-300" {...form.register("permissions")} />
                <label htmlFor={`perm-${p}`} className="text-sm">
                  <span className="font-medium text-slate-800">{PERMISSION_LABELS[p]}</span>
                  <span className="block font-mono text-xs text-slate-500">{p}</span>
                </label>
              </li>
            ))}
          </ul>
          {error ? <p className="mt-2 text-sm text-red-700">{error}</p> : null}
        </fieldset>
      </FormSection>
      <SubmitRow label={editing ? "Save role" : "Create role"} pending={form.formState.isSubmitting} />
    </form>
  );
}
