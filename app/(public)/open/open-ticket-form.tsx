"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { openTicketAction } from "@/lib/tickets/public-actions";
import type { PublicHelpTopic } from "@/lib/tickets/public-queries";
import { ZOpenTicket, type OpenTicketInput } from "@/lib/tickets/schemas";
import { applyActionErrors, newClientKey, precheckFiles, SEND_FAILED, uploadHint, type UploadLimits } from "../form-support";

const FIELDS = ["name", "email", "phone", "helpTopicId", "subject", "message"] as const;
const HINTS: Partial<Record<(typeof FIELDS)[number], string>> = {
  email: "We write to you here about this ticket.",
  subject: "A short summary, e.g. “Cannot print on the 2nd floor”.",
  message: "What happened, what you expected, and anything you have tried.",
};

export function OpenTicketForm({ topics, uploads }: { topics: PublicHelpTopic[]; uploads: UploadLimits }) {
  const router = useRouter();
  // One key per form, sent with every attempt: a double submission (or a retry after a lost
  // response) opens one ticket.
  const clientKey = useRef<string | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const { register, handleSubmit, getValues, setError, formState } = useForm({
    resolver: zodResolver(ZOpenTicket),
    defaultValues: { name: "", email: "", phone: "", helpTopicId: "", subject: "", message: "" } satisfies OpenTicketInput,
  });
  const { errors, isSubmitting } = formState;
  const busy = isSubmitting || leaving;

  const send = async () => {
    setFormError(null);
    setFilesError(null);
    const chosen = Array.from(files.current?.files ?? []);
    const precheck = precheckFiles(chosen, uploads);
    if (precheck) {
      setFilesError(precheck);
      files.current?.focus();
      return;
    }
    const data = new FormData();
    for (const [key, value] of Object.entries(getValues())) data.append(key, String(value ?? ""));
    data.append("clientKey", (clientKey.current ??= newClientKey()));
    for (const file of chosen) data.append("attachments", file);
    const result = await openTicketAction(data).catch(() => null);
    if (!result) return setFormError(SEND_FAILED);
    if (result.ok) {
      setLeaving(true);
      router.push(`${result.data.linkPath}?created=1`);
      return;
    }
    const { formMessage, own } = applyActionErrors(result, FIELDS, setError);
    setFormError(formMessage);
    if (own.attachments) {
      setFilesError(own.attachments);
      if (!Object.keys(result.fieldErrors).some((k) => (FIELDS as readonly string[]).includes(k))) files.current?.focus();
    }
  };

  const err = (name: (typeof FIELDS)[number]) => errors[name]?.message as string | undefined;
  const a11y = (name: (typeof FIELDS)[number]) => ({ "aria-invalid": !!err(name), "aria-describedby": describedBy(name, { hint: HINTS[name], error: err(name) }) });
  const hint = uploadHint(uploads);

  return (
    <form onSubmit={(event) => handleSubmit(send)(event)} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-busy={busy}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}

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
          <Field id="attachments" label="Attachments (optional)" hint={hint} error={filesError ?? undefined}>
            <FileInput
              ref={files}
              id="attachments"
              name="attachments"
              multiple={uploads.maxFiles > 1}
              accept={uploads.allowedTypes.join(",")}
              aria-invalid={!!filesError}
              aria-describedby={describedBy("attachments", { hint, error: filesError ?? undefined })}
              onChange={() => setFilesError(null)}
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
