// The variables a template may use, with what each holds; server-rendered beside the form.
import { TEMPLATE_VARIABLES } from "@/lib/mail/template-variables";
import type { TemplateKind } from "@/lib/mail/templates";

export function VariableList({ kind }: { kind: TemplateKind }) {
  const spec = TEMPLATE_VARIABLES[kind];
  return (
    <aside aria-labelledby="variables-heading" className="h-fit space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <h2 id="variables-heading" className="text-base font-semibold">Variables</h2>
      <p className="text-xs text-slate-600">Write <code>{"{{name}}"}</code>. In the HTML part every value is escaped; in the text part and the subject it is shown as is.</p>
      <dl className="space-y-2">
        {spec.variables.map((v) => (
          <div key={v.name}>
            <dt><code className="break-all rounded bg-slate-100 px-1 text-slate-900">{`{{${v.name}}}`}</code></dt>
            <dd className="text-xs text-slate-600">{v.description}</dd>
          </div>
        ))}
        {spec.lists.map((l) => (
          <div key={l.name}>
            <dt><code className="rounded bg-slate-100 px-1 text-slate-900">{`{{#${l.name}}} … {{/${l.name}}}`}</code></dt>
            <dd className="text-xs text-slate-600">
              {l.description} Inside: {l.fields.map((f, i) => <span key={f.name}>{i ? ", " : ""}<code>{`{{${f.name}}}`}</code> ({f.description.replace(/\.$/, "").toLowerCase()})</span>)}.
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
