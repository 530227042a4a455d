// What each kind of mail template may refer to, documented for the admin screen, with sample
// values for the preview. Validation refuses any other name, so a typo is a field error on save
// rather than a silently empty space in every mail sent afterwards. Pure.
import type { TemplateKind } from "./templates";

export type TemplateVariable = { name: string; description: string; sample: string };
/** A list variable, used as a section: {{#thread}} … {{/thread}}; its fields are named inside it. */
export type TemplateList = { name: string; description: string; fields: TemplateVariable[]; samples: Record<string, string>[] };

const COMMON: TemplateVariable[] = [
  { name: "helpdesk.name", description: "The help desk's name (Settings).", sample: "Example Help Desk" },
  { name: "ticket.number", description: "The ticket number. The subject always carries [#number], added if the template leaves it out.", sample: "482913" },
  { name: "ticket.subject", description: "The ticket's subject.", sample: "VPN drops every hour" },
  { name: "requester.name", description: "The requester's name.", sample: "Ken Adams" },
  { name: "requester.email", description: "The requester's address.", sample: "ken@example.com" },
  { name: "department.name", description: "The ticket's department (for a transfer: the department it went to).", sample: "Support" },
];

const REQUESTER_LINK: TemplateVariable = { name: "ticket.link", description: "The requester's private link to the ticket. Anyone with it can read and answer the ticket.", sample: "https://help.example.com/t/482913/sample-token" };
const STAFF_LINK: TemplateVariable = { name: "ticket.link", description: "The ticket in the agent dashboard (sign-in required).", sample: "https://help.example.com/agent/tickets/482913" };
const RECIPIENT: TemplateVariable = { name: "recipient.name", description: "The agent this alert is sent to.", sample: "Jane Doe" };
const ACTOR: TemplateVariable = { name: "actor.name", description: "The agent who made the change.", sample: "John Doe" };

const THREAD: TemplateList = {
  name: "thread",
  description: "Up to three earlier messages and replies, newest first. Use inside {{#thread}} … {{/thread}}.",
  fields: [
    { name: "author", description: "Who wrote it.", sample: "Ken Adams" },
    { name: "date", description: "When (UTC).", sample: "Mon, 03 Feb 2025 09:12:00 GMT" },
    { name: "body", description: "The text.", sample: "Since this morning the VPN drops every hour." },
    { name: "quoted", description: "The text with “> ” before each line, for the plain-text part.", sample: "> Since this morning the VPN drops every hour." },
  ],
  samples: [{ author: "Ken Adams", date: "Mon, 03 Feb 2025 09:12:00 GMT", body: "Since this morning the VPN drops every hour.\nI am on the office network.", quoted: "> Since this morning the VPN drops every hour.\n> I am on the office network." }],
};

export const TEMPLATE_VARIABLES: Record<TemplateKind, { variables: TemplateVariable[]; lists: TemplateList[] }> = {
  new_ticket: { variables: [...COMMON, REQUESTER_LINK], lists: [] },
  agent_reply: {
    variables: [
      ...COMMON,
      REQUESTER_LINK,
      { name: "agent.name", description: "The agent who replied.", sample: "John Doe" },
      { name: "reply.body", description: "The agent's reply.", sample: "Please update the VPN client to version 5.2 and try again." },
    ],
    lists: [THREAD],
  },
  resolved: { variables: [...COMMON, REQUESTER_LINK], lists: [] },
  alert_opened: { variables: [...COMMON, STAFF_LINK, RECIPIENT], lists: [] },
  alert_transferred: { variables: [...COMMON, STAFF_LINK, RECIPIENT, ACTOR, { name: "reason", description: "Why it was transferred.", sample: "Needs a network administrator." }], lists: [] },
  alert_assigned: { variables: [...COMMON, STAFF_LINK, RECIPIENT, ACTOR], lists: [] },
  alert_mentioned: { variables: [...COMMON, STAFF_LINK, RECIPIENT, ACTOR, { name: "excerpt", description: "The note (its first 500 characters).", sample: "@jane could you check the firewall logs for this address?" }], lists: [] },
};

export type TemplateView = Record<string, unknown>;

/** "ticket.number" + "482913" → { ticket: { number: "482913" } }: the nested view mustache reads. */
export function viewFromFlat(values: Record<string, string>, lists: Record<string, Record<string, string>[]> = {}): TemplateView {
  const view: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const parts = name.split(".");
    let node = view;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return { ...view, ...lists };
}

/** The view the preview renders: every variable of the kind with its sample value. */
export function sampleView(kind: TemplateKind): TemplateView {
  const spec = TEMPLATE_VARIABLES[kind];
  return viewFromFlat(Object.fromEntries(spec.variables.map((v) => [v.name, v.sample])), Object.fromEntries(spec.lists.map((l) => [l.name, l.samples])));
}
