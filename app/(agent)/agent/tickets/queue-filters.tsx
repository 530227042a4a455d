"use client";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { Input, Select } from "@/components/ui/field";
import type { QueueParams } from "@/lib/tickets/schemas";

type Option = { id: number; name: string };

function FilterSelect({ id, label, name, value, children }: { id: string; label: string; name: string; value: string | number | undefined; children: React.ReactNode }) {
  return (
    <div className="min-w-40 flex-1">
      <label htmlFor={id} className="block whitespace-nowrap text-xs font-medium text-slate-600">{label}</label>
      <Select id={id} name={name} defaultValue={value === undefined ? "" : String(value)} className="mt-0.5 py-1.5">
        {children}
      </Select>
    </div>
  );
}

/**
 * A GET form: filters live in the URL, so a filtered queue can be bookmarked and shared. A choice
 * applies at once (the form is sent on change); search applies on Enter. Without scripts the
 * hidden button still sends it.
 */
export function QueueFilters({ params, options }: { params: Omit<QueueParams, "after">; options: { statuses: Option[]; priorities: Option[]; departments: Option[]; agents: Option[]; teams: Option[] } }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const apply = () => {
    if (!form.current) return;
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) if (typeof value === "string" && value !== "") query.set(key, value);
    router.push(`/agent/tickets?${query.toString()}`);
  };
  return (
    <form
      ref={form}
      method="get"
      action="/agent/tickets"
      onChange={(e) => {
        if (e.target instanceof HTMLSelectElement) apply();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      aria-label="Filter tickets"
    >
      <div className="min-w-56 flex-[2]">
        <label htmlFor="f-q" className="block whitespace-nowrap text-xs font-medium text-slate-600">Search: number, subject or requester email</label>
        <Input id="f-q" name="q" type="search" defaultValue={params.q ?? ""} className="mt-0.5 py-1.5" />
      </div>
      <FilterSelect id="f-queue" label="Queue" name="queue" value={params.queue}>
        <option value="open">Open</option>
        <option value="mine">My tickets</option>
        <option value="unassigned">Unassigned</option>
        <option value="overdue">Overdue</option>
        <option value="watching">Following</option>
        <option value="closed">Resolved and closed</option>
        <option value="all">All</option>
      </FilterSelect>
      <FilterSelect id="f-status" label="Status" name="status" value={params.status}>
        <option value="">Any status</option>
        {options.statuses.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </FilterSelect>
      <FilterSelect id="f-priority" label="Priority" name="priority" value={params.priority}>
        <option value="">Any priority</option>
        {options.priorities.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </FilterSelect>
      <FilterSelect id="f-department" label="Department" name="department" value={params.department}>
        <option value="">Any department</option>
        {options.departments.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </FilterSelect>
      <FilterSelect id="f-assignee" label="Assignee" name="assignee" value={params.assignee}>
        <option value="">Anyone</option>
        <option value="none">Nobody</option>
        {options.agents.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </FilterSelect>
      {options.teams.length ? (
        <FilterSelect id="f-team" label="Team" name="team" value={params.team}>
          <option value="">Any team</option>
          {options.teams.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </FilterSelect>
      ) : null}
      <FilterSelect id="f-sort" label="Sort by" name="sort" value={params.sort}>
        <option value="updated">Last updated</option>
        <option value="created">Newest</option>
        <option value="priority">Most urgent</option>
        <option value="due">Due soonest</option>
      </FilterSelect>
      <button type="submit" className="sr-only focus:not-sr-only focus:rounded-md focus:border focus:border-slate-300 focus:px-3 focus:py-1.5 focus:text-sm">Search</button>
    </form>
  );
}
