// The built-in mail texts, written as mustache so an admin can replace any of them (MailTemplate
// rows; no row = this default). Pure data: rendering and validation are in template-render.ts,
// the variables each kind may use in template-variables.ts.
export type MailContent = { subject: string; text: string; html: string };

export const TEMPLATE_KINDS = ["new_ticket", "agent_reply", "resolved", "alert_opened", "alert_transferred", "alert_assigned", "alert_mentioned"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export function isTemplateKind(value: string): value is TemplateKind {
  return (TEMPLATE_KINDS as readonly string[]).includes(value);
}

export type TemplateParts = { subject: string; textBody: string; htmlBody: string };

export const TEMPLATE_LABELS: Record<TemplateKind, { title: string; audience: "Requester" | "Agents"; description: string }> = {
  new_ticket: { title: "New ticket: auto-response", audience: "Requester", description: "Sent to the requester when a ticket is opened, with the private link." },
  agent_reply: { title: "Agent reply", audience: "Requester", description: "Carries an agent's reply to the requester, with recent messages of the thread." },
  resolved: { title: "Resolution notice", audience: "Requester", description: "Tells the requester that the ticket was resolved; the resolution itself reaches them as the resolving reply, mailed just before." },
  alert_opened: { title: "Alert: new ticket", audience: "Agents", description: "To the agents of the ticket's department when a ticket is opened." },
  alert_transferred: { title: "Alert: transfer", audience: "Agents", description: "To the agents of the department a ticket was transferred to." },
  alert_assigned: { title: "Alert: assignment", audience: "Agents", description: "To the agent (or the team's members) a ticket was assigned to." },
  alert_mentioned: { title: "Alert: @mention", audience: "Agents", description: "To an agent @mentioned in an internal note." },
};

/** Said in every alert: agents may answer an alert by mail (see lib/mail/staff-reply-token.ts). */
export const STAFF_REPLY_HINT = "Reply to this email to add an internal note; start your reply with #reply to answer the requester.";

const staffFooterText = `Open the ticket:\n{{ticket.link}}\n\n${STAFF_REPLY_HINT}\n\n{{helpdesk.name}}`;
const staffFooterHtml = `<p>Open the ticket:<br><a href="{{ticket.link}}">{{ticket.link}}</a></p>\n<p style="color:#555">${STAFF_REPLY_HINT}</p>\n<p>{{helpdesk.name}}</p>`;

function alert(subjectLabel: string, text: string, html: string): TemplateParts {
  return { subject: `${subjectLabel}: [#{{ticket.number}}] {{ticket.subject}}`, textBody: `${text}\n\n${staffFooterText}\n`, htmlBody: `${html}\n${staffFooterHtml}\n` };
}

export const DEFAULT_TEMPLATES: Record<TemplateKind, TemplateParts> = {
  new_ticket: {
    subject: "[#{{ticket.number}}] {{ticket.subject}}",
    textBody: `Hello {{requester.name}},

We received your request “{{ticket.subject}}” and opened ticket #{{ticket.number}}. We will get back to you soon.

Follow it, or add to it, here:
{{ticket.link}}
Or simply reply to this email. Keep the link to yourself: anyone with it can read and answer the ticket.

{{helpdesk.name}}
`,
    htmlBody: `<p>Hello {{requester.name}},</p>
<p>We received your request “{{ticket.subject}}” and opened ticket #{{ticket.number}}. We will get back to you soon.</p>
<p>Follow it, or add to it, here:<br><a href="{{ticket.link}}">{{ticket.link}}</a><br>Or simply reply to this email. Keep the link to yourself: anyone with it can read and answer the ticket.</p>
<p>{{helpdesk.name}}</p>
`,
  },
  agent_reply: {
    subject: "Re: [#{{ticket.number}}] {{ticket.subject}}",
    textBody: `{{reply.body}}

{{agent.name}}
{{helpdesk.name}}

Reply to this email or follow the ticket here:
{{ticket.link}}
{{#thread}}

On {{date}}, {{author}} wrote:
{{quoted}}
{{/thread}}
`,
    htmlBody: `<p>{{reply.body}}</p>
<p>{{agent.name}}<br>{{helpdesk.name}}</p>
<p>Reply to this email or follow the ticket here:<br><a href="{{ticket.link}}">{{ticket.link}}</a></p>
{{#thread}}
<p style="color:#555">On {{date}}, {{author}} wrote:</p>
<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc;color:#555">{{body}}</blockquote>
{{/thread}}
`,
  },
  resolved: {
    subject: "Resolved: [#{{ticket.number}}] {{ticket.subject}}",
    textBody: `Hello {{requester.name}},

Your ticket #{{ticket.number}} has been resolved.

If it is not fixed, reply to this email or reopen the ticket here:
{{ticket.link}}

{{helpdesk.name}}
`,
    htmlBody: `<p>Hello {{requester.name}},</p>
<p>Your ticket #{{ticket.number}} has been resolved.</p>
<p>If it is not fixed, reply to this email or reopen the ticket here:<br><a href="{{ticket.link}}">{{ticket.link}}</a></p>
<p>{{helpdesk.name}}</p>
`,
  },
  alert_opened: alert(
    "New ticket",
    "{{requester.name}} <{{requester.email}}> opened #{{ticket.number}} in {{department.name}}.",
    "<p>{{requester.name}} &lt;{{requester.email}}&gt; opened #{{ticket.number}} in {{department.name}}.</p>",
  ),
  alert_transferred: alert(
    "Transferred",
    "#{{ticket.number}} “{{ticket.subject}}” was transferred to {{department.name}} by {{actor.name}}: {{reason}}",
    "<p>#{{ticket.number}} “{{ticket.subject}}” was transferred to {{department.name}} by {{actor.name}}: {{reason}}</p>",
  ),
  alert_assigned: alert(
    "Assigned to you",
    "#{{ticket.number}} “{{ticket.subject}}” was assigned to you by {{actor.name}}.",
    "<p>#{{ticket.number}} “{{ticket.subject}}” was assigned to you by {{actor.name}}.</p>",
  ),
  alert_mentioned: alert(
    "You were mentioned",
    "{{actor.name}} mentioned you in a note on #{{ticket.number}}:\n{{excerpt}}",
    "<p>{{actor.name}} mentioned you in a note on #{{ticket.number}}:</p>\n<blockquote style=\"margin:0;padding-left:1em;border-left:3px solid #ccc\">{{excerpt}}</blockquote>",
  ),
};
