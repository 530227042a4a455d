"use client";
// The requester's stored details on the ticket page, and the agents' "Edit requester" form. Only
// agents change these: the public form and inbound mail never overwrite them.
import { useId, useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormProblemAlert } from "@/components/tickets/form-problem";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { editRequesterAction } from "@/lib/tickets/requester-edit-actions";
import { ZEditRequester } from "@/lib/tickets/requester-edit-schema";

type Requester = { name: string; email: string; phone: string | null };
type Values = { ticketId: number; version: number; name: string; phone: string };

/** `plain`: inside another card (the requester card), without a frame of its own. */
export function RequesterDetails({ ticketRef, requester, canEdit, plain = false }: { ticketRef: { ticketId: number; version: number }; requester: Requester; canEdit: boolean; plain?: boolean }) {
  const [editing, setEditing] = useState(false);
  // Told here, not in the form: the form closes when the save succeeds.
  const [saved, setSaved] = useState(false);
  return (
    <Frame plain={plain}>
      <div className="flex items-center justify-between gap-2">
        <h2 id="requester-heading" className="text-sm font-semibold">Requester</h2>
        {canEdit && !editing ? <Button variant="secondary" onClick={() => { setSaved(false); setEditing(true); }}>Edit requester</Button> : null}
      </div>
      {saved ? <div className="mt-2"><Alert tone="success">Requester details saved.</Alert></div> : null}
      {editing ? (
        <EditRequesterForm ticketRef={ticketRef} requester={requester} onClose={() => setEditing(false)} onSaved={() => { setSaved(true); setEditing(false); }} />
      ) : (
        <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="requester-details">
          <Row label="Name">{requester.name}</Row>
          <Row label="Email"><span className="break-all">{requester.email}</span></Row>
          <Row label="Phone">{requester.phone ?? "—"}</Row>
        </dl>
      )}
    </Frame>
  );
}

/** Inside the requester card (plain) it is part of that card's region; on its own, a region of its own. */
function Frame({ plain, children }: { plain: boolean; children: React.ReactNode }) {
  if (plain) return <div>{children}</div>;
  return <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="requester-heading">{children}</section>;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium text-slate-800">{children}</dd>
    </div>
  );
}

function EditRequesterForm({ ticketRef, requester, onClose, onSaved }: { ticketRef: { ticketId: number; version: number }; requester: Requester; onClose: () => void; onSaved: () => void }) {
  const id = useId();
  // The page refreshes after any step: the form sends the version it now shows.
  const { form, problem, submit, refresh } = useActionForm<Values>({ schema: ZEditRequester, defaultValues: { ...ticketRef, name: requester.name, phone: requester.phone ?? "" }, version: ticketRef.version });
  const e = form.formState.errors;
  const phoneHint = "Optional. Digits, spaces and + ( ) - only.";
  return (
    <form
      noValidate
      className="mt-2 space-y-2"
      aria-label="Edit requester"
      onSubmit={form.handleSubmit((v) => submit(() => editRequesterAction({ ...v, version: ticketRef.version }), "Requester details saved.", onSaved))}
    >
      <FormProblemAlert problem={problem} onReload={refresh} />
      <p className="text-xs text-slate-500">Changes show on all of {requester.email}’s tickets.</p>
      <Field id={`${id}-n`} label="Requester name" error={e.name?.message} required>
        <Input id={`${id}-n`} autoComplete="off" aria-invalid={!!e.name} aria-describedby={describedBy(`${id}-n`, { error: e.name?.message })} {...form.register("name")} />
      </Field>
      <Field id={`${id}-p`} label="Requester phone" hint={phoneHint} error={e.phone?.message}>
        <Input id={`${id}-p`} type="tel" autoComplete="off" aria-invalid={!!e.phone} aria-describedby={describedBy(`${id}-p`, { hint: phoneHint, error: e.phone?.message })} {...form.register("phone")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" className="flex-1" disabled={form.formState.isSubmitting}>Save requester</Button>
        <Button variant="secondary" className="flex-1" onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
