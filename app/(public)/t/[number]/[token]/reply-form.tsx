"use client";
import { uploadFormData, uploadHint, type UploadLimits } from "@/components/forms/uploads";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { requesterReplyAction } from "@/lib/tickets/public-actions";
import { ZRequesterReply, type RequesterReplyInput } from "@/lib/tickets/schemas";
import { SEND_FAILED } from "../../../form-support";

export function ReplyForm({ number, token, uploads }: { number: string; token: string; uploads: UploadLimits }) {
  // The page shows the new message (the action revalidates it): no refresh here.
  const { form, problem, done, clearDone, submit, fileRef, fileField } = useActionForm<RequesterReplyInput>({
    schema: ZRequesterReply,
    defaultValues: { message: "" },
    uploads,
    unreachable: SEND_FAILED,
    refreshOnSuccess: false,
  });
  const { register, handleSubmit, getValues, reset, formState } = form;
  const { errors, isSubmitting } = formState;
  const messageError = errors.message?.message;
  const filesError = fileField.error;

  const send = () =>
    submit(
      ({ files, clientKey }) => requesterReplyAction(uploadFormData({ number, token, message: getValues("message"), clientKey }, files)),
      "Your reply was sent.",
      // A fresh reply; the hook clears the files and takes a new key.
      () => reset({ message: "" }),
    );

  const hint = uploadHint(uploads);
  return (
    <form onSubmit={(event) => handleSubmit(send)(event)} noValidate className="mt-4 space-y-4" aria-busy={isSubmitting}>
      {problem ? <Alert tone="error">{problem.message}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Field id="reply-message" label="Your reply" error={messageError} required>
        <Textarea
          id="reply-message"
          rows={5}
          aria-invalid={!!messageError}
          aria-describedby={describedBy("reply-message", { error: messageError })}
          {...register("message", { onChange: clearDone })}
        />
      </Field>
      {uploads.maxFiles > 0 ? (
        <Field id="reply-attachments" label="Attachments (optional)" hint={hint} error={filesError}>
          <FileInput
            key={fileField.key}
            ref={fileRef}
            id="reply-attachments"
            name="attachments"
            multiple={uploads.maxFiles > 1}
            accept={uploads.allowedTypes.join(",")}
            aria-invalid={!!filesError}
            aria-describedby={describedBy("reply-attachments", { hint, error: filesError })}
            onChange={fileField.onChange}
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
