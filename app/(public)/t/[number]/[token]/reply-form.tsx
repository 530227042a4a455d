"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { requesterReplyAction } from "@/lib/tickets/public-actions";
import { ZRequesterReply, type RequesterReplyInput } from "@/lib/tickets/schemas";
import { applyActionErrors, newClientKey, precheckFiles, SEND_FAILED, uploadHint, type UploadLimits } from "../../../form-support";

export function ReplyForm({ number, token, uploads }: { number: string; token: string; uploads: UploadLimits }) {
  const clientKey = useRef<string | null>(null);
  const files = useRef<HTMLInputElement>(null);
  const [filesKey, setFilesKey] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, getValues, setError, reset, formState } = useForm({
    resolver: zodResolver(ZRequesterReply),
    defaultValues: { message: "" } satisfies RequesterReplyInput,
  });
  const { errors, isSubmitting } = formState;
  const messageError = errors.message?.message;

  const send = async () => {
    setFormError(null);
    setFilesError(null);
    setSent(false);
    const chosen = Array.from(files.current?.files ?? []);
    const precheck = precheckFiles(chosen, uploads);
    if (precheck) {
      setFilesError(precheck);
      files.current?.focus();
      return;
    }
    const data = new FormData();
    data.append("number", number);
    data.append("token", token);
    data.append("message", getValues("message"));
    data.append("clientKey", (clientKey.current ??= newClientKey()));
    for (const file of chosen) data.append("attachments", file);
    const result = await requesterReplyAction(data).catch(() => null);
    if (!result) return setFormError(SEND_FAILED);
    if (result.ok) {
      // The page shows the new message (the action revalidates it); start a fresh reply.
      reset({ message: "" });
      setFilesKey((k) => k + 1);
      clientKey.current = null;
      setSent(true);
      return;
    }
    const { formMessage, own } = applyActionErrors(result, ["message"], setError);
    setFormError(formMessage);
    if (own.attachments) setFilesError(own.attachments);
  };

  const hint = uploadHint(uploads);
  return (
    <form onSubmit={(event) => handleSubmit(send)(event)} noValidate className="mt-4 space-y-4" aria-busy={isSubmitting}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {sent ? <Alert tone="success">Your reply was sent.</Alert> : null}
      <Field id="reply-message" label="Your reply" error={messageError} required>
        <Textarea
          id="reply-message"
          rows={5}
          aria-invalid={!!messageError}
          aria-describedby={describedBy("reply-message", { error: messageError })}
          {...register("message", { onChange: () => setSent(false) })}
        />
      </Field>
      {uploads.maxFiles > 0 ? (
        <Field id="reply-attachments" label="Attachments (optional)" hint={hint} error={filesError ?? undefined}>
          <FileInput
            key={filesKey}
            ref={files}
            id="reply-attachments"
            name="attachments"
            multiple={uploads.maxFiles > 1}
            accept={uploads.allowedTypes.join(",")}
            aria-invalid={!!filesError}
            aria-describedby={describedBy("reply-attachments", { hint, error: filesError ?? undefined })}
            onChange={() => setFilesError(null)}
          />
        </Field>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Sending…" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
