// Realistic tickets, in batches of rows ready for the bulk writer. Ids follow creation time, as
// in a live help desk; recent tickets are far more often open than old ones; every ticket keeps
// the invariants the app maintains (isOpen matches the status kind, priorityOrder the priority's
// sortOrder, updatedAt ≥ lastMessageAt ≥ createdAt, requesterWroteAt the last MESSAGE's time, version = number of history events).
import crypto from "node:crypto";
import type { TableSpec, Value } from "./bulk";
import type { Org } from "./org";
import type { Random } from "./random";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const HISTORY_SPAN_DAYS = 730;

export const REQUESTER: TableSpec = { table: "Requester", columns: [["id", "int"], ["email", "text"], ["name", "text"], ["phone", "text"], ["createdAt", "date"], ["updatedAt", "date"]] };
export const TICKET: TableSpec = {
  table: "Ticket",
  columns: [
    ["id", "int"], ["number", "text"], ["subject", "text"], ["statusId", "int"], ["isOpen", "bool"], ["priorityId", "int"], ["priorityOrder", "int"],
    ["departmentId", "int"], ["helpTopicId", "int"], ["slaPlanId", "int"], ["assigneeId", "int"], ["teamId", "int"], ["requesterId", "int"],
    ["source", { enum: "TicketSource" }], ["accessKey", "text"], ["dueAt", "date"], ["firstResponseDueAt", "date"], ["firstRespondedAt", "date"],
    ["escalatedAt", "date"], ["resolvedAt", "date"], ["closedAt", "date"], ["lastMessageAt", "date"], ["requesterWroteAt", "date"], ["version", "int"], ["createdAt", "date"], ["updatedAt", "date"],
  ],
};
export const ENTRY: TableSpec = {
  table: "ThreadEntry",
  columns: [["ticketId", "int"], ["kind", { enum: "EntryKind" }], ["authorStaffId", "int"], ["authorRequesterId", "int"], ["body", "text"], ["bodyHtml", "text"], ["source", { enum: "TicketSource" }], ["createdAt", "date"]],
};
export const HISTORY: TableSpec = {
  table: "HistoryEvent",
  columns: [["ticketId", "int"], ["actorStaffId", "int"], ["actorLabel", "text"], ["type", "text"], ["fromValue", "text"], ["toValue", "text"], ["detail", "text"], ["ticketVersion", "int"], ["createdAt", "date"]],
};
export const WATCHER: TableSpec = { table: "TicketWatcher", columns: [["ticketId", "int"], ["staffId", "int"], ["ticketIsOpen", "bool"], ["departmentId", "int"], ["createdAt", "date"]] };

const PROBLEMS = ["Cannot log in to", "Error when opening", "Question about", "Slow response from", "Request access to", "Refund for", "Broken link in", "Update needed for", "Missing data in", "Crash in"];
const THINGS = ["the customer portal", "my invoice", "the mobile app", "the VPN", "my account", "the March order", "the shared drive", "the printer on floor 3", "the API", "the onboarding checklist", "my laptop", "the pricing page"];
const SENTENCES = [
  "Hello, I have been trying to do this since this morning without success.",
  "It worked fine last week, and nothing changed on my side as far as I know.",
  "The error message says that the request could not be completed.",
  "Could you please have a look and tell me what I should do next?",
  "Thanks for getting back to me so quickly.",
  "I have attached a screenshot of what I see.",
  "We checked the logs and found the cause; a fix is on its way.",
  "Please try again now and let us know if the problem persists.",
  "I restarted it twice and cleared the cache, but it still fails.",
  "This is blocking several people in our team.",
  "Following up on my previous message, is there any news?",
  "I've reset the configuration on our side; it should work again.",
  "Customer confirmed the workaround; waiting for the permanent fix.",
  "Escalating to tier 2 because it needs database access.",
  "Best regards, and thank you for your help.",
];
const PRIORITY_WEIGHT: Record<number, number> = { 1: 3, 2: 12, 3: 72, 4: 13 };
const SOURCES = [["WEB", 50], ["EMAIL", 40], ["API", 5], ["PHONE", 3], ["AGENT", 2]] as const;

export type TicketBatch = { tickets: Value[][]; entries: Value[][]; history: Value[][]; watchers: Value[][]; open: number };

export function requesterRows(r: Random, count: number, now: number): { rows: Value[][]; names: string[] } {
  const names: string[] = [];
  const rows: Value[][] = [];
  const first = ["Alice", "Bob", "Carla", "Dmitri", "Elena", "Farid", "Gosia", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Marco", "Nadia", "Oscar", "Paula"];
  const last = ["Andersen", "Baker", "Chopra", "Diaz", "Evans", "Fischer", "Gomez", "Hansen", "Ivanova", "Johnson", "Kim", "Lopez", "Moreau", "Nowak"];
  for (let id = 1; id <= count; id++) {
    const f = r.pick(first);
    const name = `${f} ${r.pick(last)}`;
    const created = new Date(now - HISTORY_SPAN_DAYS * DAY - r.int(365) * DAY);
    names.push(name);
    rows.push([id, `${f.toLowerCase()}.${id}@customer.example`, name, r.chance(0.3) ? `+1 555 ${String(r.int(10_000_000)).padStart(7, "0")}` : null, created, created]);
  }
  return { rows, names };
}

function body(r: Random): string {
  return Array.from({ length: r.between(2, 7) }, () => r.pick(SENTENCES)).join(" ");
}

export function* ticketBatches(org: Org, r: Random, opts: { tickets: number; requesterNames: string[]; now: number; batchSize: number }): Generator<TicketBatch> {
  const { tickets, requesterNames, now } = opts;
  const start = now - HISTORY_SPAN_DAYS * DAY;
  const agentName = new Map(org.agents.map((a) => [a.id, a.name]));
  const teamName = new Map(org.teams.map((t) => [t.id, t.name]));
  const width = Math.max(6, String(tickets).length);
  for (let from = 1; from <= tickets; from += opts.batchSize) {
    const b: TicketBatch = { tickets: [], entries: [], history: [], watchers: [], open: 0 };
    const keys = crypto.randomBytes(16 * opts.batchSize);
    for (let id = from; id < Math.min(from + opts.batchSize, tickets + 1); id++) {
      const created = start + ((id - 1 + r.next()) / tickets) * (HISTORY_SPAN_DAYS * DAY - HOUR);
      const age = now - created;
      const open = r.chance(age < 30 * DAY ? 0.6 : age < 90 * DAY ? 0.3 : 0.08);
      const kind = open ? (r.chance(0.75) ? "OPEN" : "PENDING") : r.chance(0.35) ? "RESOLVED" : "CLOSED";
      const status = org.statuses[kind];
      const dept = r.weighted(org.departments, (d) => d.weight);
      const priority = r.weighted(org.priorities, (p) => PRIORITY_WEIGHT[p.sortOrder] ?? 1);
      const sla = r.chance(0.15) ? null : priority.sortOrder <= 2 ? org.slaPlans.urgent : org.slaPlans.standard;
      const source = r.weighted(SOURCES, (s) => s[1])[0];
      const requesterId = 1 + Math.floor(requesterNames.length * r.next() ** 2);
      const requesterName = requesterNames[requesterId - 1];

      // Who holds it: about half of the open tickets are assigned, nearly all closed ones were.
      let assigneeId: number | null = null;
      let teamId: number | null = null;
      const x = r.next();
      if (x < (open ? 0.5 : 0.85)) assigneeId = r.pick(dept.agentIds);
      else if (x < (open ? 0.58 : 0.9)) teamId = r.pick(org.teams).id;
      // 2 % came from another department; half of those kept their assignee, who follows it.
      const fromDept = r.chance(0.02) ? r.pick(org.departments.filter((d) => d !== dept)) : null;
      const previousAgent = fromDept ? r.pick(fromDept.agentIds) : null;
      if (previousAgent && assigneeId && r.chance(0.5)) assigneeId = previousAgent;

      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      let updated: number;
      if (!open) {
        resolvedAt = Math.min(now - MINUTE, created + r.duration(20 * HOUR, 1.2));
        if (kind === "CLOSED") closedAt = Math.min(now - MINUTE, resolvedAt + r.duration(3 * DAY, 0.8));
        updated = closedAt ?? resolvedAt;
      } else {
        updated = created + Math.sqrt(r.next()) * (now - created - MINUTE);
      }

      // Thread: the requester's message, then replies, follow-ups and internal notes.
      const answered = !open || r.chance(0.7);
      const n = r.between(2, 5);
      const times = [created, ...Array.from({ length: n - 1 }, () => created + r.next() * (updated - created)).sort((a, c) => a - c)];
      const worker = assigneeId ?? r.pick(dept.agentIds);
      let firstRespondedAt: number | null = null;
      let requesterWroteAt = created;
      for (let e = 0; e < n; e++) {
        const entryKind = e === 0 ? "MESSAGE" : r.chance(0.15) ? "NOTE" : answered && e % 2 === 1 ? "REPLY" : "MESSAGE";
        if (entryKind === "REPLY") firstRespondedAt ??= times[e];
        const text = body(r);
        const fromRequester = entryKind === "MESSAGE";
        if (fromRequester) requesterWroteAt = times[e];
        b.entries.push([id, entryKind, fromRequester ? null : worker, fromRequester ? requesterId : null, text, fromRequester && source === "EMAIL" ? `<p>${text}</p>` : null, fromRequester ? source : "AGENT", new Date(times[e])]);
      }
      const lastMessageAt = times[n - 1];

      // History: creation, assignment or transfer, status changes; 2 to 4 events.
      const events: [actor: number | null, label: string | null, type: string, from: string | null, to: string | null, detail: string | null, at: number][] = [
        [null, `${requesterName} (requester)`, "created", null, (fromDept ?? dept).name, null, created],
      ];
      if (fromDept) events.push([previousAgent, null, "transferred", fromDept.name, dept.name, "Belongs to another department", created + 10 * MINUTE]);
      if (assigneeId) events.push([assigneeId, null, "assigned", null, agentName.get(assigneeId) ?? null, null, Math.min(created + 20 * MINUTE, updated)]);
      else if (teamId) events.push([worker, null, "assigned", null, teamName.get(teamId) ?? null, null, Math.min(created + 20 * MINUTE, updated)]);
      if (resolvedAt) events.push([worker, null, "status", org.statuses.OPEN.name, org.statuses.RESOLVED.name, null, resolvedAt]);
      if (closedAt) events.push([worker, null, "status", org.statuses.RESOLVED.name, org.statuses.CLOSED.name, null, closedAt]);
      if (kind === "PENDING") events.push([worker, null, "status", org.statuses.OPEN.name, status.name, null, updated]);
      while (events.length > 4) events.splice(events.length - 3, 1);
      if (events.length < 2) events.push([worker, null, firstRespondedAt ? "replied" : "noted", null, null, null, firstRespondedAt ?? times[1]]);
      events.forEach(([actor, label, type, fromValue, toValue, detail, at], i) => b.history.push([id, actor, label, type, fromValue, toValue, detail, i + 1, new Date(at)]));

      // Watchers: the agent who worked on it before a transfer (following it through the department
      // it came from), and now and then a colleague (through the one it is in).
      const watchers = new Map<number, number>();
      if (previousAgent) watchers.set(previousAgent, (fromDept ?? dept).id);
      if (r.chance(0.12)) for (let w = r.between(1, 2); w > 0; w--) watchers.set(r.pick(org.agents).id, dept.id);
      for (const [staffId, via] of watchers) b.watchers.push([id, staffId, open, via, new Date(created + HOUR)]);

      const escalatedAt = priority.sortOrder === 1 && r.chance(0.3) ? new Date(created + 2 * HOUR) : null;
      const due = (minutes: number | undefined) => (sla && minutes ? new Date(created + minutes * MINUTE) : null);
      b.tickets.push([
        id, String(id).padStart(width, "0"), `${r.pick(PROBLEMS)} ${r.pick(THINGS)}`, status.id, open, priority.id, priority.sortOrder,
        dept.id, r.pick(dept.topicIds), sla?.id ?? null, assigneeId, teamId, requesterId,
        source, keys.subarray((id - from) * 16, (id - from + 1) * 16).toString("base64url"), due(sla?.resolutionMinutes), due(sla?.firstResponseMinutes),
        firstRespondedAt ? new Date(firstRespondedAt) : null, escalatedAt, resolvedAt ? new Date(resolvedAt) : null, closedAt ? new Date(closedAt) : null,
        new Date(lastMessageAt), new Date(requesterWroteAt), events.length, new Date(created), new Date(Math.max(updated, lastMessageAt)),
      ]);
      if (open) b.open++;
    }
    yield b;
  }
}
