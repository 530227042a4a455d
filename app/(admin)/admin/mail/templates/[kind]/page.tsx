import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader, StateTag } from "@/components/admin/page-parts";
import { mailTemplateToEdit } from "@/lib/mail/admin/queries";
import { renderTemplate } from "@/lib/mail/template-render";
import { sampleView, TEMPLATE_VARIABLES } from "@/lib/mail/template-variables";
import { DEFAULT_TEMPLATES, isTemplateKind, TEMPLATE_LABELS } from "@/lib/mail/templates";
import { requireAdminPage } from "@/lib/server/guards";
import { TemplateForm } from "./template-form";
import { VariableList } from "./variable-list";

export const metadata: Metadata = { title: "Mail template" };

export default async function MailTemplatePage({ params }: { params: Promise<{ kind: string }> }) {
  const actor = await requireAdminPage();
  const { kind } = await params;
  if (!isTemplateKind(kind)) notFound();
  const { parts, customised, version } = await mailTemplateToEdit(actor, kind);
  const label = TEMPLATE_LABELS[kind];
  const sampleNumber = TEMPLATE_VARIABLES[kind].variables.find((v) => v.name === "ticket.number")!.sample;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title={label.title} description={`${label.description} Sent to: ${label.audience.toLowerCase()}.`} back={{ href: "/admin/mail/templates", label: "Mail templates" }} />
      <p className="text-sm">{customised ? <StateTag tone="amber">Customised</StateTag> : <StateTag tone="slate">Default</StateTag>}</p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <TemplateForm
          initial={{ key: kind, ...parts }}
          initialPreview={renderTemplate(parts, sampleView(kind), sampleNumber)}
          defaults={DEFAULT_TEMPLATES[kind]}
          defaultPreview={renderTemplate(DEFAULT_TEMPLATES[kind], sampleView(kind), sampleNumber)}
          customised={customised}
          version={version}
        />
        <VariableList kind={kind} />
      </div>
    </div>
  );
}
