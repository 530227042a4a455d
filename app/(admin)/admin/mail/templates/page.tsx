import type { Metadata } from "next";
import Link from "next/link";
import { AdminTable, PageHeader, StateTag } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import { mailTemplateList } from "@/lib/mail/admin/queries";
import { TEMPLATE_LABELS } from "@/lib/mail/templates";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Mail templates" };

export default async function MailTemplatesPage() {
  const actor = await requireAdminPage();
  const templates = await mailTemplateList(actor);
  return (
    <div className="space-y-5">
      <PageHeader
        title="Mail templates"
        description="The mails the help desk sends, each with a plain-text and an HTML part. Every subject keeps the ticket number [#…] so that replies find their ticket, even if a template leaves it out."
      />
      <AdminTable label="Mail templates" head={["Mail", "Sent to", "Status"]}>
        {templates.map((t) => (
          <tr key={t.kind}>
            <td className="px-3 py-2">
              <Link href={`/admin/mail/templates/${t.kind}`} className="font-medium text-slate-900 hover:text-brand-700">{TEMPLATE_LABELS[t.kind].title}</Link>
              <p className="text-xs text-slate-600">{TEMPLATE_LABELS[t.kind].description}</p>
            </td>
            <td data-label="Sent to" className="px-3 py-2 text-slate-700">{TEMPLATE_LABELS[t.kind].audience}</td>
            <td data-label="Status" className="px-3 py-2">
              {t.updatedAt ? (
                <span className="space-x-1.5"><StateTag tone="amber">Customised</StateTag> <span className="text-xs text-slate-600"><LocalTime value={t.updatedAt} /></span></span>
              ) : (
                <StateTag tone="slate">Default</StateTag>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
