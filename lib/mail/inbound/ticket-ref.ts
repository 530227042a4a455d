// Finding the ticket a mail belongs to, as pure rules: the number in the subject ("[#123456]",
// "[#HD-000042]": settings allow a prefix of letters, digits and dashes) and our own Message-IDs.
// Who may post to the ticket is decided elsewhere (only its requester, by address).

const SUBJECT_NUMBER = /\[#([A-Za-z0-9-]{0,10}?\d{6,12})\]/g;

/** Every ticket number tagged in a subject, first first (a forward may carry an old one too). */
export function ticketNumbersInSubject(subject: string): string[] {
  return [...subject.matchAll(SUBJECT_NUMBER)].map((m) => m[1]);
}

/** "<a@b>" lists as found in In-Reply-To and References, angle brackets kept, each once. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const found = text.match(/<[^<>\s]{1,400}>/g) ?? [];
  return [...new Set(found)];
}

/** A Message-ID for mail we send about a ticket: the number inside lets a reply find its ticket. */
export function outgoingMessageId(number: string, unique: string, domain: string): string {
  return `<ticket.${number}.${unique}@${domain}>`;
}

/** The ticket number inside one of our own Message-IDs, if it is one (for the given domain). */
export function ticketNumberFromMessageId(messageId: string, domain: string): string | null {
  const m = /^<ticket\.([A-Za-z0-9-]{1,30})\.[A-Za-z0-9_-]{1,64}@([^<>\s]+)>$/.exec(messageId);
  return m && m[2].toLowerCase() === domain.toLowerCase() ? m[1] : null;
}
