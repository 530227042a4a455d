// History events: what is stored for each workflow step, and how it reads to a person.
export type HistoryType =
  | "created"
  | "replied"
  | "noted"
  | "priority"
  | "assigned"
  | "transferred"
  | "status"
  | "escalated"
  | "requester_replied"
  | "requester_closed"
  | "requester_reopened"
  | "requester_edited"
  | "requester_new_link";

export type HistoryInput = { type: HistoryType; fromValue?: string | null; toValue?: string | null; detail?: string | null };

export type HistoryView = HistoryInput & { actorName: string | null; actorLabel?: string | null };

/** One sentence per event, e.g. "John Doe changed priority from Sev C — normal to Sev A — critical". */
export function describeEvent(e: HistoryView): string {
  const who = e.actorName ?? e.actorLabel ?? "The system";
  switch (e.type) {
    case "created":
      return `${who} opened the ticket${e.toValue ? ` in ${e.toValue}` : ""}`;
    case "replied":
      return `${who} replied to the requester`;
    case "noted":
      return `${who} added an internal note`;
    case "priority":
      return `${who} changed priority from ${e.fromValue} to ${e.toValue}`;
    case "assigned":
      if (!e.toValue) return `${who} unassigned the ticket (was ${e.fromValue})`;
      return e.fromValue ? `${who} reassigned the ticket from ${e.fromValue} to ${e.toValue}` : `${who} assigned the ticket to ${e.toValue}`;
    case "transferred":
      return `${who} transferred the ticket from ${e.fromValue} to ${e.toValue}`;
    case "status":
      return `${who} changed status from ${e.fromValue} to ${e.toValue}`;
    case "escalated":
      return `${who} escalated the ticket${e.toValue ? ` (priority ${e.toValue})` : ""}`;
    case "requester_replied":
      return `${who} replied`;
    case "requester_closed":
      return `${who} closed the ticket`;
    case "requester_reopened":
      return `${who} reopened the ticket`;
    case "requester_new_link":
      return `${who} asked for a new private link (the old one no longer works)`;
    case "requester_edited":
      return `${who} changed the requester's details from ${e.fromValue} to ${e.toValue}`;
  }
}
