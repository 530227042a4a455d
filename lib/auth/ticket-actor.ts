// Everyone who can change a ticket, by kind. Staff sign in; the others are proven another way before
// they reach the mutation: a requester by the ticket's private link, a mail sender by being the
// ticket's requester (lib/mail/inbound), an API key by its hash, the system by being our own code.
// Pure data: no database, no Next.
import type { StaffActor } from "./actor";

/** The requester, proven by the ticket's private link (or, when opening, by nothing: anyone may open). */
export type RequesterActor = { kind: "requester"; requesterId: number; name: string };
/** Mail from the ticket's requester's address, matched to the ticket by its references or subject. */
export type MailSenderActor = { kind: "mail"; requesterId: number; name: string };
export type ApiKeyActor = { kind: "apiKey"; keyId: number; label: string; onBehalfOf?: string | null };
/** Scheduled jobs and upgrades: the help desk itself. */
export type SystemActor = { kind: "system"; job: string };

export type TicketActor = StaffActor | RequesterActor | MailSenderActor | ApiKeyActor | SystemActor;
export type TicketActorKind = TicketActor["kind"];

/** How a non-staff actor is named in the ticket's history (staff are linked by id instead). */
export function actorLabel(actor: TicketActor): string {
  switch (actor.kind) {
    case "staff":
      return actor.name;
    case "requester":
    case "mail":
      return `${actor.name} (requester)`;
    case "apiKey":
      return `API key “${actor.label}”${actor.onBehalfOf ? ` for ${actor.onBehalfOf.slice(0, 64)}` : ""}`;
    case "system":
      return `The system (${actor.job})`;
  }
}

/** The actor as stored beside each domain event: a kind and an id (or a label where there is no id). */
export function actorRef(actor: TicketActor): { actorKind: TicketActorKind; actorId: number | null; actorLabel: string } {
  switch (actor.kind) {
    case "staff":
      return { actorKind: "staff", actorId: actor.id, actorLabel: actor.name };
    case "requester":
    case "mail":
      return { actorKind: actor.kind, actorId: actor.requesterId, actorLabel: actorLabel(actor) };
    case "apiKey":
      return { actorKind: "apiKey", actorId: actor.keyId, actorLabel: actorLabel(actor) };
    case "system":
      return { actorKind: "system", actorId: null, actorLabel: actorLabel(actor) };
  }
}
