// Jump to a ticket by its number, or search, from the header of every staff page. A plain GET
// form: it works before any script loads. The queue opens the ticket when the words are exactly
// the number of one the agent may see (`go=1`); otherwise it lists what matches.
export function TicketFinder({ id, className = "" }: { id: string; className?: string }) {
  return (
    <form action="/agent/tickets" method="get" role="search" aria-label="Find a ticket" className={className}>
      <input type="hidden" name="queue" value="all" />
      <input type="hidden" name="go" value="1" />
      <label htmlFor={id} className="sr-only">Ticket number or search</label>
      <input
        id={id}
        name="q"
        type="search"
        required
        maxLength={100}
        placeholder="Ticket # or search"
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-600"
      />
    </form>
  );
}
