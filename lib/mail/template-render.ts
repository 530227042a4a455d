// Rendering and checking admin-editable mail templates. Mustache is logic-less, so a template can
// only show the values we hand it: no code runs, no property of an object we did not put in the
// view is reachable. Pure.
import Mustache from "mustache";
import { TEMPLATE_VARIABLES, type TemplateView } from "./template-variables";
import type { MailContent, TemplateKind, TemplateParts } from "./templates";
import { describeTemplateError } from "./template-error";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const asIs = (value: unknown) => String(value);

/**
 * The view for the HTML part, every string escaped (and its line breaks made <br>) before mustache
 * sees it, with mustache's own escaping off. So {{x}}, {{{x}}} and {{& x}} all come out escaped:
 * an admin's template cannot let a requester's text through as markup, whichever form it uses.
 */
function escapedView(value: unknown): unknown {
  if (typeof value === "string") return escapeHtml(value).replace(/\r?\n/g, "<br>");
  if (Array.isArray(value)) return value.map(escapedView);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapedView(v)]));
  return value;
}

/** The subject always carries "[#number]", whatever the template says: replies find their ticket by it. */
export function ensureTicketTag(subject: string, number: string): string {
  const line = subject.replace(/[\r\n\t]+/g, " ").replace(/ {2,}/g, " ").trim();
  const tag = `[#${number}]`;
  return line.includes(tag) ? line : `${tag} ${line}`.trim();
}

function htmlDocument(body: string): string {
  if (/<html[\s>]/i.test(body)) return body;
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${body}</body></html>`;
}

export function renderTemplate(parts: TemplateParts, view: TemplateView, ticketNumber: string): MailContent {
  const plain = { escape: asIs };
  return {
    subject: ensureTicketTag(Mustache.render(parts.subject, view, {}, plain), ticketNumber),
    text: Mustache.render(parts.textBody, view, {}, plain),
    html: htmlDocument(Mustache.render(parts.htmlBody, escapedView(view), {}, plain)),
  };
}

type Token = [string, string, number, number, Token[]?];

function knownNames(kind: TemplateKind) {
  const spec = TEMPLATE_VARIABLES[kind];
  return { names: new Set(spec.variables.map((v) => v.name)), lists: new Map(spec.lists.map((l) => [l.name, new Set(l.fields.map((f) => f.name))])) };
}

/** Names used in the tokens that the kind does not offer; partials are refused (there are none). */
function problemsIn(tokens: Token[], known: ReturnType<typeof knownNames>, inScope: Set<string>, out: Set<string>): void {
  for (const [type, name, , , children] of tokens) {
    if (type === "text" || type === "!" || type === "=") continue;
    if (type === ">") {
      out.add(`{{> ${name}}} (partials are not available)`);
      continue;
    }
    const list = known.lists.get(name);
    // A list only makes sense as a section; printed on its own it would read "[object Object]".
    if (list ? type !== "#" && type !== "^" : !known.names.has(name) && !inScope.has(name)) out.add(`{{${name}}}`);
    if ((type === "#" || type === "^") && children) problemsIn(children, known, list && type === "#" ? new Set([...inScope, ...list]) : inScope, out);
  }
}

export type TemplateField = keyof TemplateParts;

/** Field errors for a template: a mustache syntax error, or variables the kind does not have. */
export function validateTemplate(kind: TemplateKind, parts: TemplateParts): Partial<Record<TemplateField, string>> {
  const known = knownNames(kind);
  const errors: Partial<Record<TemplateField, string>> = {};
  for (const field of ["subject", "textBody", "htmlBody"] as const) {
    let tokens: Token[];
    try {
      tokens = Mustache.parse(parts[field]) as Token[];
    } catch (error) {
      errors[field] = describeTemplateError(error instanceof Error ? error.message : String(error), parts[field]);
      continue;
    }
    const unknown = new Set<string>();
    problemsIn(tokens, known, new Set(), unknown);
    if (unknown.size) errors[field] = `Unknown variable${unknown.size > 1 ? "s" : ""}: ${[...unknown].join(", ")}. Use one of the variables listed on this page.`;
  }
  return errors;
}
