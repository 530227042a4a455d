import "server-only";
// Mail templates as the admin edits them: the list, save (replaces the built-in text of its kind),
// reset (back to the built-in text), and a preview with sample values. Saving and resetting are
// admin changes (one transaction, audited); the sending side reads them in lib/mail/template-store.ts.
import type { StaffActor } from "@/lib/auth/actor";
import { adminWrite, assertAdmin, assertFreshForm, editVersion, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import { renderTemplate } from "@/lib/mail/template-render";
import { templateFor } from "@/lib/mail/template-store";
import { sampleView, TEMPLATE_VARIABLES } from "@/lib/mail/template-variables";
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, TEMPLATE_LABELS, type MailContent, type TemplateKind, type TemplateParts } from "@/lib/mail/templates";
import type { Db } from "@/lib/server/prisma";
import { ZMailTemplate, ZTemplateKey, type MailTemplateInput } from "./schemas";

export async function listMailTemplates(db: Db, actor: StaffActor) {
  assertAdmin(actor);
  const rows = await db.mailTemplate.findMany({ select: { key: true, updatedAt: true } });
  return TEMPLATE_KINDS.map((kind) => ({ kind, updatedAt: rows.find((r) => r.key === kind)?.updatedAt ?? null }));
}

/** The version the edit form saves against: the text it shows and whether it is the built-in one. */
export function templateVersion(t: { customised: boolean; parts: TemplateParts }): string {
  return editVersion({ customised: t.customised, subject: t.parts.subject, textBody: t.parts.textBody, htmlBody: t.parts.htmlBody });
}

/** One template as the edit page shows it: the stored text, or the built-in one. */
export async function mailTemplateForEdit(db: Db, actor: StaffActor, kind: TemplateKind) {
  assertAdmin(actor);
  const template = await templateFor(db, kind);
  return { ...template, version: templateVersion(template) };
}

const snapshot = (kind: TemplateKind, parts: TemplateParts): Snapshot => ({ name: TEMPLATE_LABELS[kind].title, subject: parts.subject, textBody: parts.textBody, htmlBody: parts.htmlBody });

export async function saveMailTemplate(db: Db, actor: StaffActor, raw: MailTemplateInput) {
  const input = parseInput(ZMailTemplate, raw);
  return adminWrite(db, actor, async (tx) => {
    const before = await templateFor(tx, input.key);
    await assertFreshForm(tx, input.version, templateVersion(before), { what: "This template", entity: "mail-template", entityId: input.key });
    const data = { subject: input.subject, textBody: input.textBody, htmlBody: input.htmlBody, updatedById: actor.id > 0 ? actor.id : null };
    await tx.mailTemplate.upsert({ where: { key: input.key }, create: { key: input.key, ...data }, update: data });
    await recordAudit(tx, actor, { entity: "mail-template", entityId: input.key, action: "update", before: { ...snapshot(input.key, before.parts), customised: before.customised }, after: { ...snapshot(input.key, input), customised: true } });
    return { key: input.key, version: templateVersion({ customised: true, parts: input }) };
  });
}

export async function resetMailTemplate(db: Db, actor: StaffActor, raw: { key: string; version?: string }) {
  const { key, version } = parseInput(ZTemplateKey, raw);
  const builtIn = templateVersion({ customised: false, parts: DEFAULT_TEMPLATES[key] });
  return adminWrite(db, actor, async (tx) => {
    const before = await templateFor(tx, key);
    if (!before.customised) return { key, changed: false, version: builtIn };
    // Resetting from a page opened before someone else's save would discard their text unseen.
    await assertFreshForm(tx, version, templateVersion(before), { what: "This template", entity: "mail-template", entityId: key });
    await tx.mailTemplate.delete({ where: { key } });
    await recordAudit(tx, actor, { entity: "mail-template", entityId: key, action: "reset", before: { ...snapshot(key, before.parts), customised: true }, after: { name: TEMPLATE_LABELS[key].title, customised: false } });
    return { key, changed: true, version: builtIn };
  });
}

/** The template as it would be sent, filled with the sample values; nothing is stored. */
export function previewMailTemplate(actor: StaffActor, raw: MailTemplateInput): MailContent {
  assertAdmin(actor);
  const input = parseInput(ZMailTemplate, raw);
  const number = TEMPLATE_VARIABLES[input.key].variables.find((v) => v.name === "ticket.number")!.sample;
  return renderTemplate(input, sampleView(input.key), number);
}
