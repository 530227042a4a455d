import { describe, expect, it } from "vitest";
import type { StaffActor } from "./actor";
import type { Permission } from "./permissions";
import { can, cannedDepartments, canManageCanned, canSeeTicket, canTransferTo, mayManageAnyCanned, ticketScope, visibilityReason, type TicketAccessFacts } from "./policy";

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

const followedFromSupport = { ...inSysadmin, watchers: [{ staffId: 10, departmentId: SUPPORT }] };
const followedFromSysadmin = { ...inSysadmin, watchers: [{ staffId: 10, departmentId: SYSADMIN }] };
/** John after an admin removed him from Support: no departments left. */
const formerMember = agent({ departments: new Map() });

describe("canSeeTicket", () => {
  it.each<[string, StaffActor, TicketAccessFacts, boolean]>([
    ["admin", admin, inSysadmin, true],
    ["member of the department", john, inSupport, true],
    ["agent outside the department", john, inSysadmin, false],
    ["former member of the department", formerMember, inSupport, false],
    ["assignee outside the department", john, assignedToJohnElsewhere, true],
    ["former member still assigned", formerMember, { ...inSupport, assigneeId: 10 }, true],
    ["team member, team ticket elsewhere: teams open no department", teamMember, teamTicketElsewhere, false],
    ["team member, other ticket elsewhere", teamMember, inSysadmin, false],
    ["follower after a transfer, still in the department they followed it from", john, followedFromSupport, true],
    ["follower after a transfer, removed from that department", formerMember, followedFromSupport, false],
    ["follower row from a department they never belonged to (an @mention from elsewhere)", john, followedFromSysadmin, false],
    ["follower row whose department was deleted", john, { ...inSysadmin, watchers: [{ staffId: 10, departmentId: null }] }, false],
    ["someone else's follower row", agent({ id: 99 }), followedFromSupport, false],
  ])("%s", (_label, actor, ticket, expected) => {
    expect(canSeeTicket(actor, ticket)).toBe(expected);
    expect(visibilityReason(actor, ticket) !== null).toBe(expected);
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
    ["team member from elsewhere may not note a team ticket", teamMember, "ticket.note", teamTicketElsewhere, false],
    ["follower may add a note", john, "ticket.note", followedFromSupport, true],
    ["follower may not reply", john, "ticket.reply", followedFromSupport, false],
    ["follower may not change status", john, "ticket.status", followedFromSupport, false],
    ["former member's follow allows nothing", formerMember, "ticket.note", followedFromSupport, false],
    ["member who also follows keeps their role", john, "ticket.transfer", { ...inSupport, watchers: [{ staffId: 10, departmentId: SUPPORT }] }, true],
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
  it("is the union of the branches: departments, own assignments, follows through a current department", () => {
    expect(ticketScope(john)).toEqual({
      OR: [{ departmentId: { in: [SUPPORT] } }, { assigneeId: 10 }, { watchers: { some: { staffId: 10, departmentId: { in: [SUPPORT] } } } }],
    });
    // Without a department, a follow counts for nothing and a team opens nothing: only assignments.
    expect(ticketScope(teamMember)).toEqual({ OR: [{ assigneeId: 12 }] });
  });
});

describe("canned responses", () => {
  // Manages Support's responses; only works in Sysadmin.
  const cannedManager = agent({ id: 13, departments: new Map([[SUPPORT, new Set<Permission>(["ticket.reply", "canned.manage"])], [SYSADMIN, new Set<Permission>(["ticket.reply"])]]) });
  const noDepartments = agent({ id: 14, departments: new Map() });
  // [actor, department (null: shared by all), may manage]
  const cases: [string, StaffActor, number | null, boolean][] = [
    ["admin", admin, SUPPORT, true],
    ["admin", admin, SYSADMIN, true],
    ["admin", admin, null, true],
    ["manager", cannedManager, SUPPORT, true],
    ["manager", cannedManager, SYSADMIN, false],
    ["manager", cannedManager, null, false],
    ["agent without canned.manage", john, SUPPORT, false],
    ["agent without canned.manage", john, null, false],
    ["agent without departments", noDepartments, SUPPORT, false],
    ["agent without departments", noDepartments, null, false],
  ];
  it.each(cases)("%s on department %s: %s", (_who, actor, departmentId, expected) => {
    expect(canManageCanned(actor, departmentId)).toBe(expected);
  });

  it("lists the departments each actor manages (null: all) and who may open the pages", () => {
    expect(cannedDepartments(admin)).toBeNull();
    expect(cannedDepartments(cannedManager)).toEqual([SUPPORT]);
    expect(cannedDepartments(john)).toEqual([]);
    expect(cannedDepartments(noDepartments)).toEqual([]);
    expect([admin, cannedManager, john, noDepartments, teamMember].map(mayManageAnyCanned)).toEqual([true, true, false, false, false]);
  });
});

