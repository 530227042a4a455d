"use client";
import { useState } from "react";
import { get } from "react-hook-form";
import { FormFeedback, FormSection, SubmitRow, TextareaField, TextField, useAdminForm } from "@/components/admin/form-kit";
import { ShownOnce } from "@/components/admin/shown-once";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { createApiKeyAction } from "@/lib/config/api-keys/actions";
import { API_SCOPE_LABELS, API_SCOPES, ZCreateApiKey } from "@/lib/config/api-keys/schemas";

type Values = { label: string; scopes: string[]; allowedIps: string };

export function ApiKeyForm() {
  const [created, setCreated] = useState<{ key: string; label: string } | null>(null);
  const { form, problem, done, submit } = useAdminForm<Values>(ZCreateApiKey, { label: "", scopes: ["tickets:create"], allowedIps: "" });
  const scopesError = (get(form.formState.errors, "scopes") as { message?: string } | undefined)?.message;
  const onSubmit = form.handleSubmit((values) =>
    submit(async () => {
      const result = (await createApiKeyAction(values)) as ActionResultLike;
      if (result.ok) {
        setCreated({ key: (result.data as { key: string }).key, label: values.label });
        form.reset({ label: "", scopes: ["tickets:create"], allowedIps: "" });
      }
      return result;
    }, "API key created."),
  );
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label="New API key">
      <FormFeedback problem={problem} done={done} />
      {created ? <ShownOnce title={`API key “${created.label}”`} value={created.key} note="Copy it now and store it in the integration's secret settings. Only a fingerprint is kept, so it cannot be shown again; if it is lost, revoke it and create another." /> : null}
      <FormSection title="New API key">
        <TextField form={form} name="label" label="Label" required hint="Which integration uses it, e.g. “Website contact form”." />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <ul className="mt-1 space-y-1.5">
            {API_SCOPES.map((scope) => (
              <li key={scope} className="flex items-start gap-2.5">
                <input id={`scope-${scope}`} type="checkbox" value={scope} className="mt-0.5 h-4 w-4 rounded border-slate-300" {...form.register("scopes")} />
                <label htmlFor={`scope-${scope}`} className="text-sm">
                  {API_SCOPE_LABELS[scope]} <span className="font-mono text-xs text-slate-500">{scope}</span>
                </label>
              </li>
            ))}
          </ul>
          {scopesError ? <p className="mt-1 text-sm text-red-700">{scopesError}</p> : null}
        </fieldset>
        <TextareaField form={form} name="allowedIps" label="Allowed addresses (optional)" rows={2} hint="IP addresses or CIDR ranges separated by commas, e.g. 203.0.113.0/24, 2001:db8::/32. Empty allows any address." />
      </FormSection>
      <SubmitRow label="Create API key" pending={form.formState.isSubmitting} />
    </form>
  );
}
