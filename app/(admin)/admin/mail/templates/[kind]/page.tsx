import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { PageHeader, StateTag } from "@/components/admin/page-parts";
import { Card } from "@/components/ui/card";
import { resetMailTemplateAction } from "@/lib/mail/template-actions";
import { renderTemplate } from "@/lib/mail/template-render";
import { templateFor } from "@/lib/mail/template-store";
import { sampleView, TEMPLATE_VARIABLES } from "@/lib/mail/template-variables";
import { isTemplateKind, TEMPLATE_LABELS } from "@/lib/mail/templates";
import { db } from "@/lib/server/db";
import { requireAdminPage } from "@/lib/server/guards";
import { TemplateForm } from "./template-form";
import { VariableList } from "./variable-list";

export const metadata: Metadata = { title: "Mail template" };

export default async function MailTemplatePage({ params }: { params: Promise<{ kind: string }> }) {
  await requireAdminPage();
  const { kind } = await params;
  if (!isTemplateKind(kind)) notFound();
  const { parts, customised } = await templateFor(db, kind);
  const label = TEMPLATE_LABELS[kind];
  const sampleNumber = TEMPLATE_VARIABLES[kind].variables.find((v) => v.name === "ticket.number")!.sample;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title={label.title} description={`${label.description} Sent to: ${label.audience.toLowerCase()}.`} back={{ href: "/admin/mail/templates", label: "Mail templates" }} />
      <p className="text-sm">{customised ? <StateTag tone="amber">Customised</StateTag> : <StateTag tone="slate">Default</StateTag>}</p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        {/* The key forces a fresh form after a reset, so the fields show the default again. */}
        <TemplateForm key={`${kind}-${customised}`} initial={{ key: kind, ...parts }} initialPreview={renderTemplate(parts, sampleView(kind), sampleNumber)} />
        <VariableList kind={kind} />
      </div>
      <Card>
        <h2 className="text-base font-semibold">Reset to default</h2>
        <p className="mt-1 text-sm text-slate-600">Replaces this template with the built-in text. Mail already sent is not affected.</p>
        <div className="mt-3">
          {customised ? (
            <ActionButton action={resetMailTemplateAction} input={{ key: kind }} label="Reset to default" variant="danger" confirm="Discard your version of this template and use the built-in text?" success="Template reset to the default." />
          ) : (
            <p className="text-sm text-slate-600">This template is the default.</p>
          )}
        </div>
      </Card>
    </div>
  );
}
