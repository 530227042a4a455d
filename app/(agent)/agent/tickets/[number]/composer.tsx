"use client";
// Reply and internal note live in separate forms so switching never loses text, and each says
// plainly who will read it: a note can never be mistaken for a reply.
import { useId, useRef, useState } from "react";
import { uploadFormData } from "@/components/forms/uploads";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select, Textarea } from "@/components/ui/field";
import { expandCanned, type CannedContext } from "@/lib/canned/canned-expand";
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

type StatusAfter = "" | "OPEN" | "PENDING" | "RESOLVED";

/** What the reply said, and what others changed meanwhile that did not stop it. */
function sentMessage(audience: string, statusAfter: StatusAfter, data: { changedMeanwhile?: string[] }): string {
  const then = statusAfter === "PENDING" ? " The ticket is pending." : statusAfter === "RESOLVED" ? ` The ticket is resolved; this reply is its resolution.` : statusAfter === "OPEN" ? " The ticket is open again." : "";
  const changed = data.changedMeanwhile ?? [];
  return `Reply sent to ${audience}.${then}${changed.length ? ` While you wrote: ${changed.join("; ")}.` : ""}`;
}

/** A note is added whatever changed meanwhile (it undoes nothing); it says what did, and who it could not tell. */
function noteMessage(data: { changedMeanwhile?: string[]; mentionedWithoutAccess?: string[] }): string {
  const changed = data.changedMeanwhile ?? [];
  const left = data.mentionedWithoutAccess ?? [];
  return [
    "Internal note added.",
    left.length ? `Not told: ${left.map((u) => `@${u}`).join(", ")} (cannot open this ticket).` : "",
    changed.length ? `While you wrote: ${changed.join("; ")}.` : "",
  ].filter(Boolean).join(" ");
}

type EntryFormProps = { mode: "reply" | "note"; ticketRef: Ref; audience: string; audienceEmail: string; isOpen: boolean; statusKind: string; stateWord: string; canResolve: boolean; canned: CannedOption[]; cannedContext: CannedContext };

function EntryForm({ mode, ticketRef, audience, audienceEmail, isOpen, statusKind, stateWord, canResolve, canned, cannedContext }: EntryFormProps) {
  const id = useId();
  const reply = mode === "reply";
  // The server checks the files against the upload settings (the composer does not know them).
  const { form, problem, done, submit, refresh, fileRef, fileField } = useActionForm<ReplyInput & NoteInput>({
    schema: reply ? ZReply : ZNote,
    defaultValues: { ...ticketRef, body: "", statusAfter: "" },
    version: ticketRef.version,
    uploads: null,
  });
  const { register, handleSubmit, setValue, getValues, reset, formState } = form;

  // Each "send" button sends the reply and the status it sets in one step.
  const send = (then: StatusAfter) => handleSubmit(async (values) => {
    await submit(
      ({ files, clientKey }) => {
        const data = uploadFormData({ ...values, statusAfter: then, version: ticketRef.version, clientKey }, files);
        return reply ? replyAction(data) : noteAction(data);
      },
      (answer) => (reply ? sentMessage(audience, then, answer) : noteMessage(answer)),
      () => reset({ ...ticketRef, body: "", statusAfter: "" }),
    );
  });
  const onSubmit = send(reply && !isOpen ? "OPEN" : "");

  const bodyError = formState.errors.body?.message;
  const fileError = fileField.error;
  const hint = reply ? `${audience} <${audienceEmail}> will see this reply.` : "Only staff can see internal notes. Mention a colleague with @username to notify them.";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={reply ? "Reply to the requester" : "Add an internal note"}>
      <FormProblemAlert problem={problem} onReload={refresh} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      {reply && !isOpen ? <Alert tone="info">This ticket is {stateWord}. Sending a reply reopens it; the requester will see it open again.</Alert> : null}
      <input type="hidden" {...register("ticketId")} />
      {reply ? <CannedPicker options={canned} context={cannedContext} onInsert={(text) => setValue("body", getValues("body") ? `${getValues("body")}\n\n${text}` : text, { shouldDirty: true })} /> : null}
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
            <Input id={`${id}-files`} key={fileField.key} ref={fileRef} onChange={fileField.onChange} type="file" name="attachments" multiple aria-invalid={!!fileError} aria-describedby={describedBy(`${id}-files`, { error: fileError })} className="py-1.5" />
          </Field>
        </div>
      </div>
      {formState.errors.statusAfter?.message ? <p className="text-sm text-red-700">{formState.errors.statusAfter.message}</p> : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        {reply && isOpen && statusKind !== "PENDING" ? (
          <Button variant="secondary" disabled={formState.isSubmitting} onClick={send("PENDING")}>Send and set Pending</Button>
        ) : null}
        {reply && isOpen && canResolve ? (
          <Button variant="secondary" disabled={formState.isSubmitting} onClick={send("RESOLVED")}>Send and resolve</Button>
        ) : null}
        <Button type="submit" variant={reply ? "primary" : "secondary"} disabled={formState.isSubmitting} className={reply ? "" : "border-amber-400 bg-amber-100 text-amber-950 hover:bg-amber-200"}>
          {formState.isSubmitting ? "Saving…" : reply ? (isOpen ? `Send reply to ${audience}` : `Send reply to ${audience} and reopen`) : "Add internal note (staff only)"}
        </Button>
      </div>
    </form>
  );
}

type ComposerProps = Omit<EntryFormProps, "mode" | "audience" | "audienceEmail"> & { requesterName: string; requesterEmail: string; canReply: boolean; canNote: boolean };

/** Reply and note as ARIA tabs: arrow keys, Home and End move between them; only the chosen tab is in the tab order. */
export function Composer({ requesterName, requesterEmail, canReply, canNote, ...rest }: ComposerProps) {
  const [mode, setMode] = useState<"reply" | "note">(canReply ? "reply" : "note");
  const id = useId();
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  if (!canReply && !canNote) return null;
  const tabs = [canReply ? { key: "reply" as const, label: "Reply to requester" } : null, canNote ? { key: "note" as const, label: "Internal note" } : null].filter((t) => t !== null);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.key === mode);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    setMode(tab.key);
    tabRefs.current[tab.key]?.focus();
  };
  return (
    <section className={`rounded-lg border-2 bg-white shadow-sm ${mode === "note" ? "border-amber-300" : "border-sky-200"}`} aria-label="Write">
      <div role="tablist" aria-label="Write a reply or a note" className="flex border-b border-slate-200" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            ref={(el) => {
              tabRefs.current[tab.key] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            aria-selected={mode === tab.key}
            aria-controls={`${id}-panel-${tab.key}`}
            tabIndex={mode === tab.key ? 0 : -1}
            onClick={() => setMode(tab.key)}
            className={`px-4 py-2.5 text-sm font-medium ${mode === tab.key ? (tab.key === "note" ? "border-b-2 border-amber-500 text-amber-900" : "border-b-2 border-sky-600 text-sky-900") : "text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.key} role="tabpanel" id={`${id}-panel-${tab.key}`} aria-labelledby={`${id}-tab-${tab.key}`} hidden={mode !== tab.key} className="p-4">
          <EntryForm mode={tab.key} audience={requesterName} audienceEmail={requesterEmail} {...rest} />
        </div>
      ))}
    </section>
  );
}
