import type { Metadata } from "next";
import Link from "next/link";
import { EmptyList, listHref, PageHeader } from "@/components/admin/page-parts";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { AUDIT_ENTITIES } from "@/lib/server/audit/record";
import { ZAuditParams } from "@/lib/config/audit/log";
import { auditLogActors, auditLogPage } from "@/lib/config/audit/queries";
import { requireAdminPage } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Audit log" };

const ENTITY_LABELS: Record<(typeof AUDIT_ENTITIES)[number], string> = {
  department: "Departments", agent: "Agents", role: "Roles", "help-topic": "Help topics", priority: "Priorities",
  "sla-plan": "SLA plans", team: "Teams", settings: "Settings", "api-key": "API keys", "canned-response": "Canned responses",
  "mail-settings": "Mail settings", "outbox-message": "Outgoing mail", "inbound-message": "Inbound mail", "imap-mailbox": "IMAP mailboxes", "mail-template": "Mail templates", "encryption-key": "Encryption key",
  account: "Staff accounts", "sign-in-settings": "Sign-in settings",
};

const select = "mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdminPage();
  const params = ZAuditParams.parse(await searchParams);
  const [page, actors] = await Promise.all([auditLogPage(actor, params), auditLogActors(actor)]);
  const filters = { entity: params.entity, actor: params.actor === undefined ? undefined : String(params.actor) };
  return (
    <div className="space-y-5">
      <PageHeader title="Audit log" description="Every change made in the admin console: who, when, and what it was before and after." />
      <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <div className="min-w-44 flex-1">
          <label htmlFor="audit-entity" className="block text-xs font-medium text-slate-600">What changed</label>
          <select id="audit-entity" name="entity" defaultValue={params.entity ?? ""} className={select}>
            <option value="">Everything</option>
            {AUDIT_ENTITIES.map((e) => <option key={e} value={e}>{ENTITY_LABELS[e]}</option>)}
          </select>
        </div>
        <div className="min-w-44 flex-1">
          <label htmlFor="audit-actor" className="block text-xs font-medium text-slate-600">Who</label>
          <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={select}>
            <option value="">Anyone</option>
            {actors.staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            {actors.hasOperator ? <option value="operator">Command line</option> : null}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary", "py-1.5")}>Apply filters</button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyList>No changes recorded{params.entity || params.actor ? " for these filters" : " yet"}.</EmptyList>
      ) : (
        <ol className="space-y-3" aria-label="Changes, newest first">
          {page.rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
                <p className="min-w-0">
                  <span className="font-medium">{row.actor}</span> <span className="text-slate-600">{row.action.replace(/-/g, " ")}</span>{" "}
                  <span className="text-slate-500">{ENTITY_LABELS[row.entity as keyof typeof ENTITY_LABELS]?.toLowerCase().replace(/s$/, "") ?? row.entity}</span>{" "}
                  {row.href ? <Link href={row.href} className="break-words font-medium text-brand-700 hover:underline">{row.subject}</Link> : <span className="break-words font-medium">{row.subject}</span>}
                </p>
                <span className="whitespace-nowrap text-xs text-slate-500"><LocalTime value={row.createdAt} /></span>
              </div>
              {row.changes.length ? (
                <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  {row.changes.map((c) => (
                    <div key={c.field} className="contents">
                      <dt className="text-slate-500">{c.field}</dt>
                      <dd className="min-w-0 break-words">
                        {row.action === "create" || row.action === "invite" ? (
                          <span>{c.after}</span>
                        ) : (
                          <>
                            <del className="text-slate-500">{c.before}</del> <span aria-hidden="true" className="text-slate-400">→</span><span className="sr-only">changed to</span> <ins className="no-underline">{c.after}</ins>
                          </>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        {params.before ? <Link href={listHref("/admin/audit", filters)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Newest</Link> : <span />}
        {page.next ? <Link href={listHref("/admin/audit", { ...filters, before: page.next })} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Older changes</Link> : null}
      </nav>
    </div>
  );
}
