import { describe, expect, it } from "vitest";
import type { StaffActor } from "./actor";
import type { Permission } from "./permissions";
import { can, canSeeTicket, canTransferTo, ticketScope, type TicketAccessFacts } from "./policy";

const SUPPORT = 1;
const SYSADMIN = 2;
const TEAM = 7;

function agent(overrides: Partial<StaffActor> = {}): StaffActor {
  return {
    kind: "staff",
    id: 10,
    name: "John Doe",
    email: "john@example.com",
    username: "john",
    isAdmin: false,
    departments: new Map([[SUPPORT, new Set<Permission>(["ticket.reply", "ticket.note", "ticket.transfer"])]]),
    teamIds: [],
    ...overrides,
  };
}

const admin = agent({ id: 1, isAdmin: true, departments: new Map() });
const john = agent();
const limited = agent({ id: 11, departments: new Map([[SUPPORT, new Set<Permission>(["ticket.note"])]]) });
const teamMember = agent({ id: 12, departments: new Map(), teamIds: [TEAM] });

const inSupport = { departmentId: SUPPORT, assigneeId: null, teamId: null };
const inSysadmin = { departmentId: SYSADMIN, assigneeId: null, teamId: null };
const assignedToJohnElsewhere = { departmentId: SYSADMIN, assigneeId: 10, teamId: null };
const teamTicketElsewhere = { departmentId: SYSADMIN, assigneeId: null, teamId: TEAM };

describe("canSeeTicket", () => {
  it.each([
    ["admin", admin, inSysadmin, true],
    ["member of the department", john, inSupport, true],
    ["agent outside the department", john, inSysadmin, false],
    ["assignee outside the department", john, assignedToJohnElsewhere, true],
    ["team member, team ticket elsewhere", teamMember, teamTicketElsewhere, true],
    ["team member, other ticket elsewhere", teamMember, inSysadmin, false],
    ["watcher after a transfer", john, { ...inSysadmin, watcherIds: [10] }, true],
  ])("%s", (_label, actor, ticket, expected) => {
    expect(canSeeTicket(actor, ticket)).toBe(expected);
  });
});

describe("can", () => {
  it.each<[string, StaffActor, Permission, TicketAccessFacts, boolean]>([
    ["admin may delete anywhere", admin, "ticket.delete", inSysadmin, true],
    ["role grants reply", john, "ticket.reply", inSupport, true],
    ["role lacks assign", john, "ticket.assign", inSupport, false],
    ["limited role may note", limited, "ticket.note", inSupport, true],
    ["limited role may not reply", limited, "ticket.reply", inSupport, false],
    ["nothing outside the department", john, "ticket.note", inSysadmin, false],
    ["assignee elsewhere may reply", john, "ticket.reply", assignedToJohnElsewhere, true],
    ["assignee elsewhere may not transfer", john, "ticket.transfer", assignedToJohnElsewhere, false],
    ["team member may change status of a team ticket", teamMember, "ticket.status", teamTicketElsewhere, true],
    ["watcher may add a note", john, "ticket.note", { ...inSysadmin, watcherIds: [10] }, true],
    ["watcher may not reply", john, "ticket.reply", { ...inSysadmin, watcherIds: [10] }, false],
    ["watcher may not change status", john, "ticket.status", { ...inSysadmin, watcherIds: [10] }, false],
  ])("%s", (_label, actor, permission, ticket, expected) => {
    expect(can(actor, permission, ticket)).toBe(expected);
  });
});

describe("canTransferTo", () => {
  it("needs the transfer permission and another department", () => {
    expect(canTransferTo(john, inSupport, SYSADMIN)).toBe(true);
    expect(canTransferTo(john, inSupport, SUPPORT)).toBe(false);
    expect(canTransferTo(limited, inSupport, SYSADMIN)).toBe(false);
  });
});

describe("ticketScope", () => {
  it("is unrestricted for admins", () => {
    expect(ticketScope(admin)).toEqual({});
  });
  it("covers departments, own assignments and teams", () => {
    expect(ticketScope(john)).toEqual({ OR: [{ departmentId: { in: [SUPPORT] } }, { assigneeId: 10 }, { watchers: { some: { staffId: 10 } } }] });
    expect(ticketScope(teamMember)).toEqual({ OR: [{ assigneeId: 12 }, { teamId: { in: [TEAM] } }, { watchers: { some: { staffId: 12 } } }] });
  });
});
