import "server-only";
// Stored mail templates: a MailTemplate row replaces the built-in text of its kind; no row means
// the default. Saving and resetting are admin changes (one transaction, audited).
import type { StaffActor } from "@/lib/auth/actor";
import { adminWrite, assertAdmin, parseInput } from "@/lib/server/admin-write";
import { recordAudit, type Snapshot } from "@/lib/server/audit/record";
import type { Db, Tx } from "@/lib/server/prisma";
import { renderTemplate, validateTemplate } from "./template-render";
import { ZMailTemplate, ZTemplateKey, type MailTemplateInput } from "./template-schemas";
import { sampleView, TEMPLATE_VARIABLES, type TemplateView } from "./template-variables";
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, TEMPLATE_LABELS, type MailContent, type TemplateKind, type TemplateParts } from "./templates";

export async function templateFor(db: Db | Tx, kind: TemplateKind): Promise<{ parts: TemplateParts; customised: boolean; updatedAt: Date | null }> {
  const row = await db.mailTemplate.findUnique({ where: { key: kind } });
  if (!row) return { parts: DEFAULT_TEMPLATES[kind], customised: false, updatedAt: null };
  return { parts: { subject: row.subject, textBody: row.textBody, htmlBody: row.htmlBody }, customised: true, updatedAt: row.updatedAt };
}

/**
 * A renderer for this kind of mail, from the stored template or the default (loaded once, used for
 * each recipient). A stored template that no longer validates (e.g. a variable dropped in an
 * upgrade) must not stop the mail: the default is used instead and the problem logged.
 */
export async function mailRenderer(tx: Tx, kind: TemplateKind): Promise<(view: TemplateView, ticketNumber: string) => MailContent> {
  const stored = await templateFor(tx, kind);
  const invalid = stored.customised && Object.keys(validateTemplate(kind, stored.parts)).length > 0;
  if (invalid) console.error(`[mail] stored template ${kind} is invalid; sending the built-in text`);
  const parts = invalid ? DEFAULT_TEMPLATES[kind] : stored.parts;
  return (view, ticketNumber) => renderTemplate(parts, view, ticketNumber);
}

export async function listMailTemplates(db: Db) {
  const rows = await db.mailTemplate.findMany({ select: { key: true, updatedAt: true } });
  return TEMPLATE_KINDS.map((kind) => ({ kind, updatedAt: rows.find((r) => r.key === kind)?.updatedAt ?? null }));
}

const snapshot = (kind: TemplateKind, parts: TemplateParts): Snapshot => ({ name: TEMPLATE_LABELS[kind].title, subject: parts.subject, textBody: parts.textBody, htmlBody: parts.htmlBody });

export async function saveMailTemplate(db: Db, actor: StaffActor, raw: MailTemplateInput) {
  const input = parseInput(ZMailTemplate, raw);
  return adminWrite(db, actor, async (tx) => {
    const before = await templateFor(tx, input.key);
    const data = { subject: input.subject, textBody: input.textBody, htmlBody: input.htmlBody, updatedById: actor.id > 0 ? actor.id : null };
    await tx.mailTemplate.upsert({ where: { key: input.key }, create: { key: input.key, ...data }, update: data });
    await recordAudit(tx, actor, { entity: "mail-template", entityId: input.key, action: "update", before: { ...snapshot(input.key, before.parts), customised: before.customised }, after: { ...snapshot(input.key, input), customised: true } });
    return { key: input.key };
  });
}

export async function resetMailTemplate(db: Db, actor: StaffActor, raw: { key: string }) {
  const { key } = parseInput(ZTemplateKey, raw);
  return adminWrite(db, actor, async (tx) => {
    const before = await templateFor(tx, key);
    if (!before.customised) return { key, changed: false };
    await tx.mailTemplate.delete({ where: { key } });
    await recordAudit(tx, actor, { entity: "mail-template", entityId: key, action: "reset", before: { ...snapshot(key, before.parts), customised: true }, after: { name: TEMPLATE_LABELS[key].title, customised: false } });
    return { key, changed: true };
  });
}

/** The template as it would be sent, filled with the sample values; nothing is stored. */
export function previewMailTemplate(actor: StaffActor, raw: MailTemplateInput): MailContent {
  assertAdmin(actor);
  const input = parseInput(ZMailTemplate, raw);
  const number = TEMPLATE_VARIABLES[input.key].variables.find((v) => v.name === "ticket.number")!.sample;
  return renderTemplate(input, sampleView(input.key), number);
}
