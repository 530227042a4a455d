import { formatBytes } from "@/components/ui/format-bytes";
import { LocalTime } from "@/components/ui/local-time";

type Entry = {
  id: number;
  kind: string;
  body: string;
  createdAt: Date;
  author: string;
  attachments: { id: number; fileName: string; size: number }[];
};

/** The requester's view of the thread: their messages and agents' replies (never internal notes). */
export function Thread({ entries, attachmentHref }: { entries: Entry[]; attachmentHref: (id: number) => string }) {
  return (
    <ol className="space-y-4">
      {entries.map((entry) => {
        const fromSupport = entry.kind === "REPLY";
        return (
          <li key={entry.id}>
            <article
              aria-label={`${fromSupport ? "Reply" : "Message"} from ${entry.author}`}
              className={`rounded-lg border bg-white p-4 shadow-sm sm:p-5 ${fromSupport ? "border-brand-100 border-l-4 border-l-brand-600" : "border-slate-200"}`}
            >
              <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <p className="text-sm">
                  <span className="font-semibold text-slate-900">{entry.author}</span>{" "}
                  <span className={`ml-1 rounded px-1.5 py-0.5 text-xs font-medium ${fromSupport ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-700"}`}>{fromSupport ? "Support" : "You"}</span>
                </p>
                <p className="text-xs text-slate-500">
                  <LocalTime value={entry.createdAt} />
                </p>
              </header>
              <div className="mt-3 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{entry.body}</div>
              {entry.attachments.length ? (
                <ul className="mt-4 flex flex-wrap gap-2" aria-label="Attachments">
                  {entry.attachments.map((a) => (
                    <li key={a.id} className="min-w-0 max-w-full">
                      <a
                        href={attachmentHref(a.id)}
                        download={a.fileName}
                        className="inline-flex max-w-full items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 text-sm text-slate-800 hover:border-brand-600 hover:bg-brand-50"
                      >
                        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-500" fill="currentColor">
                          <path d="M10 2a1 1 0 0 1 1 1v8.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42L9 11.6V3a1 1 0 0 1 1-1ZM4 16a1 1 0 0 1 1-1h10a1 1 0 1 1 0 2H5a1 1 0 0 1-1-1Z" />
                        </svg>
                        <span className="truncate">{a.fileName}</span>
                        <span className="shrink-0 text-xs text-slate-500">{formatBytes(a.size)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
