"use client";
// Reply and internal note live in separate forms so switching never loses text, and each says
// plainly who will read it: a note can never be mistaken for a reply.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { useActionSubmit } from "@/components/tickets/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { expandCanned, type CannedContext } from "@/lib/admin/canned-expand";
import { noteAction, replyAction } from "@/lib/tickets/actions";
import { ZNote, ZReply, type NoteInput, type ReplyInput } from "@/lib/tickets/schemas";

type Ref = { ticketId: number; version: number };
export type CannedOption = { id: number; title: string; body: string };

/** Inserts a canned response, placeholders filled, at the end of what the agent has written. */
function CannedPicker({ options, context, onInsert }: { options: CannedOption[]; context: CannedContext; onInsert: (text: string) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState("");
  if (!options.length) return null;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="min-w-48 flex-1">
        <label htmlFor={`${id}-canned`} className="block text-sm font-medium text-slate-800">Canned response</label>
        <Select id={`${id}-canned`} value={chosen} onChange={(e) => setChosen(e.target.value)} className="mt-1">
          <option value="">Choose a canned response</option>
          {options.map((o) => <option key={o.id} value={o.id}>{o.title}</option>)}
        </Select>
      </div>
      <Button
        variant="secondary"
        disabled={!chosen}
        onClick={() => {
          const option = options.find((o) => String(o.id) === chosen);
          if (option) onInsert(expandCanned(option.body, context));
          setChosen("");
        }}
      >
        Insert response
      </Button>
    </div>
  );
}

function toFormData(values: Record<string, unknown>, files: File[]): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) data.set(k, String(v));
  for (const file of files) data.append("attachments", file);
  return data;
}

function EntryForm({ mode, ticketRef, audience, audienceEmail, isOpen, canResolve, canClose, canned, cannedContext }: { mode: "reply" | "note"; ticketRef: Ref; audience: string; audienceEmail: string; isOpen: boolean; canResolve: boolean; canClose: boolean; canned: CannedOption[]; cannedContext: CannedContext }) {
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [fileInputKey, setFileInputKey] = useState(0);
  const reply = mode === "reply";
  const form = useForm<ReplyInput & NoteInput>({
    resolver: zodResolver(reply ? ZReply : ZNote) as never,
    defaultValues: { ...ticketRef, body: "", statusAfter: "", clientKey: crypto.randomUUID() },
  });
  const { register, handleSubmit, setValue, getValues, setError, reset, formState } = form;
  const { problem, done, submit, refresh } = useActionSubmit(setError);
  useEffect(() => setValue("version", ticketRef.version), [ticketRef.version, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    const data = toFormData({ ...values, version: ticketRef.version }, files);
    await submit(() => (reply ? replyAction(data) : noteAction(data)), reply ? `Reply sent to ${audience}.` : "Internal note added.", () => {
      reset({ ...ticketRef, body: "", statusAfter: "", clientKey: crypto.randomUUID() });
      setFiles([]);
      setFileInputKey((k) => k + 1);
    });
  });

  const bodyError = formState.errors.body?.message;
  const fileError = (formState.errors as Record<string, { message?: string }>).attachments?.message;
  const hint = reply ? `${audience} <${audienceEmail}> will see this reply.` : "Only staff can see internal notes. Mention a colleague with @username to notify them.";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={reply ? "Reply to the requester" : "Add an internal note"}>
      <FormProblemAlert problem={problem} onReload={refresh} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      {reply && !isOpen ? <Alert tone="info">This ticket is closed. To reply, choose “Open” under “Then set status”; the requester will see the ticket reopen.</Alert> : null}
      <input type="hidden" {...register("ticketId")} />
      {reply ? <CannedPicker options={canned} context={cannedContext} onInsert={(text) => setValue("body", getValues("body") ? `${getValues("body")}\n\n${text}` : text, { shouldDirty: true })} /> : null}
      <input type="hidden" {...register("clientKey")} />
      <Field id={`${id}-body`} label={reply ? "Your reply" : "Note for staff"} hint={hint} error={bodyError}>
        <Textarea
          id={`${id}-body`}
          rows={6}
          aria-invalid={!!bodyError}
          aria-describedby={describedBy(`${id}-body`, { hint, error: bodyError })}
          className={reply ? "" : "border-amber-300 bg-amber-50/50"}
          {...register("body")}
        />
      </Field>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <Field id={`${id}-files`} label="Attachments" error={fileError}>
            <Input id={`${id}-files`} key={fileInputKey} onChange={(e) => setFiles(Array.from(e.target.files ?? []))} type="file" name="attachments" multiple aria-invalid={!!fileError} aria-describedby={describedBy(`${id}-files`, { error: fileError })} className="py-1.5" />
          </Field>
        </div>
        {reply ? (
          <div className="min-w-48">
            <Field id={`${id}-status`} label="Then set status" error={formState.errors.statusAfter?.message}>
              <Select id={`${id}-status`} {...register("statusAfter")}>
                <option value="">{isOpen ? "Leave as it is" : "Leave closed (cannot reply)"}</option>
                <option value="OPEN">Open</option>
                {isOpen ? <option value="PENDING">Pending (awaiting requester)</option> : null}
                {isOpen && canResolve ? <option value="RESOLVED">Resolved</option> : null}
                {isOpen && canClose ? <option value="CLOSED">Closed</option> : null}
              </Select>
            </Field>
          </div>
        ) : null}
      </div>
      <div className="flex items-center justify-end gap-3">
        <Button type="submit" variant={reply ? "primary" : "secondary"} disabled={formState.isSubmitting} className={reply ? "" : "border-amber-400 bg-amber-100 text-amber-950 hover:bg-amber-200"}>
          {formState.isSubmitting ? "Saving…" : reply ? `Send reply to ${audience}` : "Add internal note (staff only)"}
        </Button>
      </div>
    </form>
  );
}

export function Composer(props: { ticketRef: Ref; requesterName: string; requesterEmail: string; isOpen: boolean; canReply: boolean; canNote: boolean; canResolve: boolean; canClose: boolean; canned: CannedOption[]; cannedContext: CannedContext }) {
  const [mode, setMode] = useState<"reply" | "note">(props.canReply ? "reply" : "note");
  const id = useId();
  if (!props.canReply && !props.canNote) return null;
  const tabs = [props.canReply ? { key: "reply" as const, label: "Reply to requester" } : null, props.canNote ? { key: "note" as const, label: "Internal note" } : null].filter((t) => t !== null);
  return (
    <section className={`rounded-lg border-2 bg-white shadow-sm ${mode === "note" ? "border-amber-300" : "border-sky-200"}`} aria-label="Write">
      <div role="tablist" aria-label="Write a reply or a note" className="flex border-b border-slate-200">
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            aria-selected={mode === tab.key}
            aria-controls={`${id}-panel-${tab.key}`}
            onClick={() => setMode(tab.key)}
            className={`px-4 py-2.5 text-sm font-medium ${mode === tab.key ? (tab.key === "note" ? "border-b-2 border-amber-500 text-amber-900" : "border-b-2 border-sky-600 text-sky-900") : "text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`${id}-panel-${tab.key}`} aria-labelledby={`${id}-tab-${tab.key}`} hidden={mode !== tab.key} className="p-4">
          <EntryForm mode={tab.key} ticketRef={props.ticketRef} audience={props.requesterName} audienceEmail={props.requesterEmail} isOpen={props.isOpen} canResolve={props.canResolve} canClose={props.canClose} canned={props.canned} cannedContext={props.cannedContext} />
        </div>
      ))}
    </section>
  );
}
