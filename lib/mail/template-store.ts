import "server-only";
// Stored mail templates: a MailTemplate row replaces the built-in text of its kind; no row means
// the default. Saving and resetting are admin changes: lib/mail/admin/templates.ts.
import type { Db, Tx } from "@/lib/server/prisma";
import { renderTemplate, validateTemplate } from "./template-render";
import type { TemplateView } from "./template-variables";
import { DEFAULT_TEMPLATES, type MailContent, type TemplateKind, type TemplateParts } from "./templates";

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
