// actorMayActOnTicket for the kinds other than staff (staff are tested in policy.test.ts), every kind
// × step, and actorMayOpenTicket per kind and topic.
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "./permissions";
import { actorMayActOnTicket, actorMayOpenTicket, type TicketStep } from "./policy";
import { actorLabel, type TicketActor } from "./ticket-actor";

const ticket = { departmentId: 1, assigneeId: null, teamId: null, requesterId: 10, watcherIds: [] };
const STEPS: TicketStep[] = [...PERMISSIONS, "requester.reply", "requester.close", "requester.reopen"];

const allowed: [TicketActor, TicketStep[]][] = [
  [{ kind: "requester", requesterId: 10, name: "R" }, ["requester.reply", "requester.close", "requester.reopen"]],
  [{ kind: "requester", requesterId: 11, name: "Other" }, []],
  [{ kind: "mail", requesterId: 10, name: "R" }, ["requester.reply", "requester.reopen"]],
  [{ kind: "mail", requesterId: 11, name: "Other" }, []],
  [{ kind: "apiKey", keyId: 1, label: "K" }, []],
  [{ kind: "system", job: "sla" }, ["ticket.note", "ticket.priority", "ticket.assign", "ticket.transfer", "ticket.status", "ticket.close"]],
  [{ kind: "staff", id: 5, name: "A", email: "a@x", username: "a", isAdmin: false, departments: new Map([[1, new Set(["ticket.note" as const])]]), teamIds: [] }, ["ticket.note"]],
  [{ kind: "staff", id: 6, name: "Admin", email: "b@x", username: "b", isAdmin: true, departments: new Map(), teamIds: [] }, [...PERMISSIONS]],
];

describe("actorMayActOnTicket", () => {
  it.each(allowed)("%o may take exactly its steps", (actor, steps) => {
    expect(STEPS.filter((step) => actorMayActOnTicket(actor, step, ticket)).sort()).toEqual([...steps].sort());
  });
});

describe("actorMayOpenTicket", () => {
  it("lets the portal file only under public topics; mail, the API, staff and the system under any", () => {
    expect(actorMayOpenTicket("requester", { isPublic: true })).toBe(true);
    expect(actorMayOpenTicket("requester", { isPublic: false })).toBe(false);
    for (const kind of ["mail", "apiKey", "staff", "system"] as const) expect(actorMayOpenTicket(kind, { isPublic: false })).toBe(true);
  });
});

describe("actorLabel", () => {
  it("names each kind in the history", () => {
    expect(actorLabel({ kind: "mail", requesterId: 1, name: "Ken" })).toBe("Ken (requester)");
    expect(actorLabel({ kind: "apiKey", keyId: 1, label: "CRM", onBehalfOf: "10.1.1.1" })).toBe("API key “CRM” for 10.1.1.1");
    expect(actorLabel({ kind: "system", job: "sla" })).toBe("The system (sla)");
  });
});
