import { LocalTime } from "@/components/ui/local-time";
import type { Workspace } from "@/lib/tickets/workspace-query";

export function History({ events }: { events: Workspace["history"] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold">History</h2>
      <ol className="mt-3 space-y-3 border-l border-slate-200 pl-4" aria-label="History">
        {events.map((e) => (
          <li key={e.id} className="relative text-sm">
            <span aria-hidden="true" className="absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full bg-slate-400" />
            <p className="text-slate-800">{e.text}</p>
            {e.detail ? <p className="mt-0.5 line-clamp-3 text-xs text-slate-600">“{e.detail}”</p> : null}
            <p className="text-xs text-slate-500"><LocalTime value={e.createdAt} /></p>
          </li>
        ))}
      </ol>
    </section>
  );
}
