// The mail-template form's schema, shared by the form (zodResolver) and the server action: the
// same mustache checks run in the browser as on save, and the server is the one that counts.
import { z } from "zod";
import { validateTemplate } from "./template-render";
import { TEMPLATE_KINDS } from "./templates";

const part = (label: string, max: number) => z.string().transform((s) => s.replace(/\r\n?/g, "\n")).pipe(z.string().trim().min(1, `Write the ${label}.`).max(max, `Keep the ${label} under ${max.toLocaleString("en")} characters.`));

export const ZTemplateKey = z.object({ key: z.enum(TEMPLATE_KINDS, "Unknown kind of mail.") });

export const ZMailTemplate = ZTemplateKey.extend({
  subject: part("subject", 300),
  textBody: part("plain-text part", 20_000),
  htmlBody: part("HTML part", 50_000),
}).superRefine((value, ctx) => {
  for (const [field, message] of Object.entries(validateTemplate(value.key, value))) ctx.addIssue({ code: "custom", path: [field], message });
});
export type MailTemplateInput = z.input<typeof ZMailTemplate>;
