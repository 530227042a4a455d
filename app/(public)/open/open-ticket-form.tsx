"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { uploadFormData, uploadHint, type UploadLimits } from "@/components/forms/uploads";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { openTicketAction } from "@/lib/tickets/public-actions";
import type { PublicHelpTopic } from "@/lib/tickets/public-queries";
import { ZOpenTicket, type OpenTicketInput } from "@/lib/tickets/schemas";
import { SEND_FAILED } from "../form-support";

const FIELDS = ["name", "email", "phone", "helpTopicId", "subject", "message"] as const;
const HINTS: Partial<Record<(typeof FIELDS)[number], string>> = {
  email: "We write to you here about this ticket.",
  subject: "A short summary, e.g. “Cannot print on the 2nd floor”.",
  message: "What happened, what you expected, and anything you have tried.",
};

export function OpenTicketForm({ topics, uploads }: { topics: PublicHelpTopic[]; uploads: UploadLimits }) {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  // The hook sends one key with every attempt until one succeeds: a double submission (or a retry
  // after a lost response) opens one ticket. The ticket's page shows the result: no refresh here.
  const { form, problem, submit, fileRef, fileField } = useActionForm<OpenTicketInput>({
    schema: ZOpenTicket,
    defaultValues: { name: "", email: "", phone: "", helpTopicId: "", subject: "", message: "" },
    fields: FIELDS,
    uploads,
    unreachable: SEND_FAILED,
    refreshOnSuccess: false,
  });
  const { register, handleSubmit, getValues, formState } = form;
  const { errors, isSubmitting } = formState;
  const busy = isSubmitting || leaving;
  const filesError = fileField.error;

  const send = () =>
    submit(
      ({ files, clientKey }) => openTicketAction(uploadFormData({ ...getValues(), clientKey }, files)),
      null,
      (opened) => {
        setLeaving(true);
        router.push(`${opened.linkPath}?created=1`);
      },
    );

  const err = (name: (typeof FIELDS)[number]) => errors[name]?.message as string | undefined;
  const a11y = (name: (typeof FIELDS)[number]) => ({ "aria-invalid": !!err(name), "aria-describedby": describedBy(name, { hint: HINTS[name], error: err(name) }) });
  const hint = uploadHint(uploads);

  return (
    <form onSubmit={(event) => handleSubmit(send)(event)} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-busy={busy}>
      {problem ? <Alert tone="error">{problem.message}</Alert> : null}

      <fieldset className="space-y-4">
        <legend className="mb-3 text-base font-semibold text-slate-900">About you</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="name" label="Your name" error={err("name")} required>
            <Input id="name" autoComplete="name" {...a11y("name")} {...register("name")} />
          </Field>
          <Field id="email" label="Email" error={err("email")} required hint={HINTS.email}>
            <Input id="email" type="email" autoComplete="email" inputMode="email" {...a11y("email")} {...register("email")} />
          </Field>
        </div>
        <div className="sm:w-1/2 sm:pr-2">
          <Field id="phone" label="Phone (optional)" error={err("phone")}>
            <Input id="phone" type="tel" autoComplete="tel" {...a11y("phone")} {...register("phone")} />
          </Field>
        </div>
      </fieldset>

      <hr className="border-slate-100" />
      <fieldset className="space-y-4">
        <legend className="mb-3 text-base font-semibold text-slate-900">Your request</legend>
        <Field id="helpTopicId" label="Help topic" error={err("helpTopicId")} required>
          <Select id="helpTopicId" {...a11y("helpTopicId")} {...register("helpTopicId")}>
            <option value="">Choose a topic…</option>
            {topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="subject" label="Subject" error={err("subject")} required hint={HINTS.subject}>
          <Input id="subject" maxLength={200} {...a11y("subject")} {...register("subject")} />
        </Field>
        <Field id="message" label="Message" error={err("message")} required hint={HINTS.message}>
          <Textarea id="message" rows={7} {...a11y("message")} {...register("message")} />
        </Field>
        {uploads.maxFiles > 0 ? (
          <Field id="attachments" label="Attachments (optional)" hint={hint} error={filesError}>
            <FileInput
              ref={fileRef}
              id="attachments"
              name="attachments"
              multiple={uploads.maxFiles > 1}
              accept={uploads.allowedTypes.join(",")}
              aria-invalid={!!filesError}
              aria-describedby={describedBy("attachments", { hint, error: filesError })}
              onChange={fileField.onChange}
            />
          </Field>
        ) : null}
      </fieldset>

      <div className="flex flex-col-reverse items-stretch gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-xs text-slate-500">
          <span className="text-red-600" aria-hidden="true">*</span> Required
        </p>
        <Button type="submit" disabled={busy}>
          {busy ? "Opening ticket…" : "Open ticket"}
        </Button>
      </div>
    </form>
  );
}
