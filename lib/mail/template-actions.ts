"use server";
// Mail-template actions: the admin action client authenticates and refuses non-admins, the
// service validates with the form's schema, writes in one transaction with an audit row.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { previewMailTemplate, resetMailTemplate, saveMailTemplate } from "./template-store";
import { ZMailTemplate, ZTemplateKey } from "./template-schemas";

function revalidateTemplates(key: string) {
  revalidatePath("/admin/mail/templates");
  revalidatePath(`/admin/mail/templates/${key}`);
  revalidatePath("/admin/audit");
}

export const saveMailTemplateAction = adminAction(ZMailTemplate, async (actor, input) => {
  const result = await saveMailTemplate(db, actor, input);
  revalidateTemplates(result.key);
  return result;
});

export const resetMailTemplateAction = adminAction(ZTemplateKey, async (actor, input) => {
  const result = await resetMailTemplate(db, actor, input);
  revalidateTemplates(result.key);
  return result;
});

/** Renders the form's current text with sample values; changes nothing. */
export const previewMailTemplateAction = adminAction(ZMailTemplate, async (actor, input) => previewMailTemplate(actor, input));
