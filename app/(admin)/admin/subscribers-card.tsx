import { StateTag } from "@/components/admin/page-parts";
import { LocalTime } from "@/components/ui/local-time";
import type { SubscriberStatus } from "@/lib/events/status";

/**
 * The event subscribers (mail alerts, notifications, …): where each is in the event stream, what
 * waits after it, and, when one is stuck, the event and the error, so an administrator can see
 * that mail stopped before the requesters say so. The error is plain text (React escapes it),
 * already cut short by the query.
 */
export function SubscribersCard({ subscribers }: { subscribers: SubscriberStatus[] }) {
  return (
    <section aria-labelledby="subscribers-card" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="subscribers-card" className="text-base font-semibold">Event subscribers</h2>
      {subscribers.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None has run yet: they start with the first ticket event.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Subscriber</th>
              <th scope="col" className="py-1 pr-3 font-medium">Position</th>
              <th scope="col" className="py-1 pr-3 font-medium">Waiting</th>
              <th scope="col" className="py-1 pr-3 font-medium">State</th>
              <th scope="col" className="py-1 font-medium">Run by</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {subscribers.map((s) => (
              <tr key={s.name}>
                <td className="py-1.5 pr-3 font-medium">{s.name}</td>
                <td className="py-1.5 pr-3 tabular-nums">after event {s.lastEventId.toLocaleString("en")}</td>
                <td className="py-1.5 pr-3 tabular-nums">{s.backlog.toLocaleString("en")}</td>
                <td className="py-1.5 pr-3">
                  {s.failures === 0 ? (
                    <StateTag tone={s.backlog === 0 ? "green" : "slate"}>{s.backlog === 0 ? "Caught up" : "Catching up"}</StateTag>
                  ) : (
                    <div className="space-y-1">
                      <StateTag tone="red">
                        Stuck{s.stuckOnEventId !== null ? ` on event ${s.stuckOnEventId.toLocaleString("en")}` : ""}: {s.failures.toLocaleString("en")} failure{s.failures === 1 ? "" : "s"}
                      </StateTag>
                      {s.lastError && <p className="break-words font-mono text-xs text-red-800">{s.lastError}</p>}
                    </div>
                  )}
                </td>
                <td className="py-1.5 text-slate-600">
                  {s.leaseOwner && s.leaseUntil ? (
                    <>
                      <span className="break-all">{s.leaseOwner}</span>
                      <span className="block text-xs">
                        until <LocalTime value={s.leaseUntil} />
                      </span>
                    </>
                  ) : (
                    "No process"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
