import { OriginalEmail } from "@/components/tickets/original-email";
import { LocalTime } from "@/components/ui/local-time";
import { resolveCidLinks, type InlineImage } from "@/lib/mail/inline-images";
import type { Workspace } from "@/lib/tickets/workspace-query";

const STYLE = {
  MESSAGE: { box: "border-slate-200 bg-white", label: "Requester", tag: "bg-slate-100 text-slate-700" },
  REPLY: { box: "border-sky-200 bg-sky-50/60", label: "Reply to requester", tag: "bg-sky-100 text-sky-800" },
  NOTE: { box: "border-amber-300 bg-amber-50", label: "Internal note · staff only", tag: "bg-amber-200 text-amber-900" },
} as const;

function size(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A paperclip drawn, not an emoji: some systems have no glyph for 📎 and show an empty box. */
function PaperclipIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M15.5 9.5 9.8 15.2a3.5 3.5 0 0 1-5-5l6.4-6.4a2.3 2.3 0 0 1 3.3 3.3l-6.4 6.4a1.2 1.2 0 0 1-1.7-1.7l5.7-5.7" />
    </svg>
  );
}

/** The whole thread. Bodies are plain text rendered as text: React escapes any HTML in them. Mail's own formatting is one click away (OriginalEmail). */
export function Thread({ entries, inlineImages }: { entries: Workspace["entries"]; inlineImages?: Map<number, InlineImage[]> }) {
  return (
    <section aria-label="Thread" className="space-y-3">
      <h2 className="sr-only">Thread</h2>
      {entries.map((e) => {
        const style = STYLE[e.kind];
        const author = e.authorStaff?.name ?? e.authorRequester?.name ?? "Unknown";
        return (
          <article key={e.id} className={`rounded-lg border p-4 shadow-sm ${style.box}`} data-entry-kind={e.kind.toLowerCase()} aria-label={`${style.label} from ${author}`}>
            <header className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-semibold text-slate-900">{author}</span>
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${style.tag}`}>{style.label}</span>
              <span className="ml-auto text-xs text-slate-600"><LocalTime value={e.createdAt} /></span>
            </header>
            <div className="mt-2 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{e.body}</div>
            {e.bodyHtml ? <OriginalEmail html={resolveCidLinks(e.bodyHtml, inlineImages?.get(e.id) ?? [])} label={`Original email from ${author}`} /> : null}
            {e.attachments.length ? (
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Attachments">
                {e.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/agent/attachments/${a.id}`} className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50" download>
                      <PaperclipIcon /> {a.fileName} <span className="text-slate-500">({size(a.size)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
