// Outgoing mail texts, plain and HTML. Pure. Every value from a ticket is escaped in the HTML;
// subjects carry "[#number]" so a reply finds its ticket again.
export type MailContent = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function html(paragraphs: string[]): string {
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("")}</body></html>`;
}

function content(subject: string, paragraphs: string[]): MailContent {
  return { subject, text: paragraphs.join("\n\n"), html: html(paragraphs) };
}

export const ticketSubjectLine = (number: string, subject: string) => `[#${number}] ${subject.replace(/[\r\n]+/g, " ")}`;

type TicketFacts = { number: string; subject: string; requesterName: string; link: string; helpdeskName: string };

export function newTicketAutoResponse(t: TicketFacts): MailContent {
  return content(ticketSubjectLine(t.number, t.subject), [
    `Hello ${t.requesterName},`,
    `We received your request “${t.subject}” and opened ticket #${t.number}. We will get back to you soon.`,
    `Follow it, or add to it, here:\n${t.link}\nOr simply reply to this email. Keep the link to yourself: anyone with it can read and answer the ticket.`,
    t.helpdeskName,
  ]);
}

export function agentReplyMail(t: TicketFacts & { agentName: string; body: string; earlier: { author: string; at: Date; body: string }[] }): MailContent {
  const context = t.earlier.map((e) => `On ${e.at.toUTCString()}, ${e.author} wrote:\n${e.body.split("\n").map((l) => `> ${l}`).join("\n")}`);
  return content(`Re: ${ticketSubjectLine(t.number, t.subject)}`, [t.body, `${t.agentName}\n${t.helpdeskName}`, `Reply to this email or follow the ticket here:\n${t.link}`, ...context]);
}

export function resolutionNotice(t: TicketFacts): MailContent {
  return content(`Resolved: ${ticketSubjectLine(t.number, t.subject)}`, [
    `Hello ${t.requesterName},`,
    `Your ticket #${t.number} has been resolved.`,
    `If it is not fixed, reply to this email or reopen the ticket here:\n${t.link}`,
    t.helpdeskName,
  ]);
}

export type StaffAlertKind = "opened" | "transferred" | "assigned" | "mentioned";

export function staffAlert(kind: StaffAlertKind, t: { number: string; subject: string; link: string; helpdeskName: string; what: string }): MailContent {
  const label = { opened: "New ticket", transferred: "Transferred", assigned: "Assigned to you", mentioned: "You were mentioned" }[kind];
  return content(`${label}: ${ticketSubjectLine(t.number, t.subject)}`, [t.what, `Open the ticket:\n${t.link}`, t.helpdeskName]);
}
