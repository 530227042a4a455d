"use client";
// Edit one mail template: subject, plain-text and HTML parts, checked by the same schema as the
// server (mustache syntax, known variables). "Preview" renders it on the server with sample values;
// the HTML preview sits in a sandboxed iframe with no permissions, so nothing in it can run.
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { FormFeedback, FormSection, SubmitRow, TextField, useAdminForm, useScreenVersion } from "@/components/admin/form-kit";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { previewMailTemplateAction, resetMailTemplateAction, saveMailTemplateAction } from "@/lib/mail/admin/actions";
import { ZMailTemplate } from "@/lib/mail/admin/schemas";
import type { MailContent, TemplateKind, TemplateParts } from "@/lib/mail/templates";

type Values = { key: TemplateKind; subject: string; textBody: string; htmlBody: string };

function CodeArea({ form, name, label, hint, rows }: { form: UseFormReturn<Values>; name: "textBody" | "htmlBody"; label: string; hint: string; rows: number }) {
  const id = `template-${name}`;
  const error = form.formState.errors[name]?.message;
  return (
    <Field id={id} label={label} hint={hint} error={error} required>
      <Textarea id={id} rows={rows} spellCheck={false} className="font-mono text-xs" aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...form.register(name)} />
    </Field>
  );
}

/** `version`: the template as the page read it; a save or reset after someone else's save is refused instead of undoing it. */
export function TemplateForm({ initial, initialPreview, defaults, defaultPreview, customised, version }: { initial: Values; initialPreview: MailContent; defaults: TemplateParts; defaultPreview: MailContent; customised: boolean; version: string }) {
  const saved = useScreenVersion(version);
  const { form, problem, done, submit, refresh } = useAdminForm<Values>(ZMailTemplate, initial);
  const [preview, setPreview] = useState<MailContent>(initialPreview);
  const [previewing, setPreviewing] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [resetting, setResetting] = useState(false);

  async function reset() {
    setResetting(true);
    try {
      await submit(() => saved.save(resetMailTemplateAction({ key: initial.key, version: saved.current })) as Promise<ActionResultLike>, "Template reset to the default.", () => {
        form.reset({ key: initial.key, ...defaults });
        setPreview(defaultPreview);
      });
    } finally {
      setResetting(false);
      setConfirmReset(false);
    }
  }

  async function refreshPreview(values: Values) {
    const result = (await previewMailTemplateAction(values)) as ActionResultLike & { data?: MailContent };
    if (result.ok && result.data) setPreview(result.data);
    return result;
  }
  const onSubmit = form.handleSubmit((values) =>
    submit(async () => {
      const result = (await saved.save(saveMailTemplateAction({ ...values, version: saved.current }))) as ActionResultLike;
      if (result.ok) await refreshPreview(values);
      return result;
    }, "Template saved. New mail of this kind uses it from now on."),
  );
  const onPreview = form.handleSubmit(async (values) => {
    setPreviewing(true);
    try {
      await submit(() => refreshPreview(values), "Preview updated with sample values (not saved).");
    } finally {
      setPreviewing(false);
    }
  });

  return (
    <div className="min-w-0 space-y-5">
      <form noValidate onSubmit={onSubmit} className="space-y-5" aria-label="Edit mail template">
        <FormFeedback problem={problem} done={done} onReload={() => { saved.follow(); refresh(); }} conflictTitle="This template changed while you were editing" />
        <FormSection title="Template" description="Mustache: {{variable}} inserts a value; {{#list}} … {{/list}} repeats for each item.">
          <TextField form={form} name="subject" label="Subject" required hint="[#number] is added at the start if you leave it out." className="font-mono text-xs" />
          <CodeArea form={form} name="textBody" label="Plain-text part" rows={12} hint="Values are inserted as they are." />
          <CodeArea form={form} name="htmlBody" label="HTML part" rows={12} hint="Values are escaped. Write the body's content; the page around it is added." />
        </FormSection>
        <SubmitRow label="Save template" pending={form.formState.isSubmitting && !previewing}>
          <Button variant="secondary" onClick={onPreview} disabled={previewing}>{previewing ? "Rendering…" : "Preview"}</Button>
          {customised && !confirmReset ? <Button variant="secondary" onClick={() => setConfirmReset(true)}>Reset to default</Button> : null}
        </SubmitRow>
        {confirmReset ? (
          <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
            <p className="text-slate-800">Discard your version of this template and use the built-in text again? Mail already sent is not affected.</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button variant="danger" disabled={resetting} onClick={reset}>{resetting ? "Working…" : "Yes, reset to default"}</Button>
              <Button variant="secondary" disabled={resetting} onClick={() => setConfirmReset(false)}>Cancel</Button>
            </div>
          </div>
        ) : null}
      </form>
      <section aria-labelledby="preview-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="preview-heading" className="text-base font-semibold">Preview with sample values</h2>
        <p className="text-sm"><span className="font-medium text-slate-700">Subject: </span><span data-testid="preview-subject" className="break-words">{preview.subject}</span></p>
        <div>
          <h3 className="text-sm font-medium text-slate-700">Plain text</h3>
          <pre data-testid="preview-text" className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-xs text-slate-800">{preview.text}</pre>
        </div>
        <div>
          <h3 className="text-sm font-medium text-slate-700">HTML</h3>
          <iframe title="HTML preview" sandbox="" srcDoc={preview.html} className="mt-1 h-80 w-full rounded-md border border-slate-200 bg-white" />
        </div>
      </section>
    </div>
  );
}
