import { describe, expect, it } from "vitest";
import {
  canTransition,
  formatTicketNumber,
  isOpenKind,
  mentionedUsernames,
  permissionForTransition,
  requesterMayClose,
  requesterMayReopen,
  replyConflictsWith,
  requiresResolutionNote,
  resolutionOf,
  slaBadge,
  slaDueDates,
  stateWord,
  TRANSITIONS,
  transitionVerb,
  waitingOn,
  type StatusKind,
} from "./workflow";

const KINDS: StatusKind[] = ["OPEN", "PENDING", "RESOLVED", "CLOSED"];

describe("status transitions", () => {
  // Every from × to pair, written out: a change to TRANSITIONS has to change this table too.
  const ALLOWED: Record<StatusKind, Record<StatusKind, boolean>> = {
    OPEN: { OPEN: false, PENDING: true, RESOLVED: true, CLOSED: true },
    PENDING: { OPEN: true, PENDING: false, RESOLVED: true, CLOSED: true },
    RESOLVED: { OPEN: true, PENDING: false, RESOLVED: false, CLOSED: true },
    CLOSED: { OPEN: true, PENDING: false, RESOLVED: false, CLOSED: false },
  };
  const pairs = KINDS.flatMap((from) => KINDS.map((to) => [from, to, ALLOWED[from][to]] as const));

  it.each(pairs)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(TRANSITIONS[from].includes(to)).toBe(allowed);
  });

  it("covers every kind", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...KINDS].sort());
  });

  it.each([
    ["OPEN", true],
    ["PENDING", true],
    ["RESOLVED", false],
    ["CLOSED", false],
  ] as const)("%s is open: %s", (kind, open) => {
    expect(isOpenKind(kind)).toBe(open);
  });

  it.each([
    ["OPEN", "CLOSED", "closed", "ticket.close", false],
    ["PENDING", "CLOSED", "closed", "ticket.close", false],
    ["OPEN", "RESOLVED", "resolved", "ticket.status", true],
    ["OPEN", "PENDING", "set to pending", "ticket.status", false],
    ["PENDING", "OPEN", "set to open", "ticket.status", false],
    ["RESOLVED", "OPEN", "reopened", "ticket.status", false],
    ["CLOSED", "OPEN", "reopened", "ticket.status", false],
    ["RESOLVED", "CLOSED", "closed", "ticket.close", false],
  ] as const)("%s → %s is '%s', needs %s, resolution note: %s", (from, to, verb, permission, note) => {
    expect(transitionVerb(from, to)).toBe(verb);
    expect(permissionForTransition(to)).toBe(permission);
    expect(requiresResolutionNote(to)).toBe(note);
  });
});

describe("formatTicketNumber", () => {
  it.each([
    ["random", "", 0, 42, "000042"],
    ["random", "HD-", 0, 987654, "HD-987654"],
    ["random", "", 17, 0, "000000"],
    ["sequential", "", 1, 5, "000001"],
    ["sequential", "T", 123456, 5, "T123456"],
    ["sequential", "HD-", 1234567, 5, "HD-1234567"],
  ] as const)("%s with prefix '%s', sequence %s, random draw %s", (mode, prefix, sequence, draw, expected) => {
    expect(formatTicketNumber(mode, prefix, sequence, () => draw)).toBe(expected);
  });

  it("draws six random digits by default", () => {
    for (let i = 0; i < 50; i++) expect(formatTicketNumber("random", "", 0)).toMatch(/^\d{6}$/);
  });
});

describe("mentionedUsernames", () => {
  it.each([
    ["one mention", "Can @john look?", ["john"]],
    ["at the start, with dots and dashes", "@jane.doe and @ops-team please", ["jane.doe", "ops-team"]],
    ["case-insensitive and each once", "@John @JOHN @john", ["john"]],
    ["a one-letter name", "ping @x", ["x"]],
    ["a trailing dot is punctuation", "Thanks @jane.", ["jane"]],
    ["in parentheses and after a newline", "(@ann)\n@bob", ["ann", "bob"]],
    ["an email address is not a mention", "Mail ken@example.com or john@example.com", []],
    ["a doubled @ is not a mention", "@@john", []],
    ["a bare @", "meet @ 5", []],
    ["an email next to a mention", "@jane wrote to ken@example.com", ["jane"]],
  ])("%s", (_, text, expected) => {
    expect(mentionedUsernames(text)).toEqual(expected);
  });
});

describe("requester close and reopen", () => {
  const NOW = new Date("2025-06-30T12:00:00Z");
  const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
  const on = { requesterCanClose: true, requesterCanReopen: true, reopenWithinDays: 30 };

  it.each([
    ["OPEN", true, true],
    ["PENDING", true, true],
    ["RESOLVED", true, false],
    ["CLOSED", true, false],
    ["OPEN", false, false],
    ["PENDING", false, false],
  ] as const)("close a %s ticket when allowed=%s → %s", (kind, requesterCanClose, expected) => {
    expect(requesterMayClose(kind, { requesterCanClose })).toBe(expected);
  });

  it.each([
    ["an open ticket", "OPEN", daysAgo(1), on, false],
    ["a pending ticket", "PENDING", null, on, false],
    ["closed yesterday", "CLOSED", daysAgo(1), on, true],
    ["resolved yesterday", "RESOLVED", daysAgo(1), on, true],
    ["closed exactly at the limit", "CLOSED", daysAgo(30), on, true],
    ["closed past the limit", "CLOSED", daysAgo(31), on, false],
    ["no limit (0 days), closed long ago", "CLOSED", daysAgo(3000), { ...on, reopenWithinDays: 0 }, true],
    ["no close date recorded", "CLOSED", null, on, true],
    ["reopening turned off", "CLOSED", daysAgo(1), { ...on, requesterCanReopen: false }, false],
  ] as const)("reopen %s → %s", (_, kind, closedAt, settings, expected) => {
    expect(requesterMayReopen(kind, closedAt, settings, NOW)).toBe(expected);
  });
});

describe("slaDueDates", () => {
  const created = new Date("2025-01-01T09:00:00Z");

  it("has no due dates without a plan", () => {
    expect(slaDueDates(created, null)).toEqual({ dueAt: null, firstResponseDueAt: null });
  });

  it("adds the plan's minutes on the calendar clock", () => {
    expect(slaDueDates(created, { firstResponseMinutes: 60, resolutionMinutes: 3 * 24 * 60 })).toEqual({
      dueAt: new Date("2025-01-04T09:00:00Z"),
      firstResponseDueAt: new Date("2025-01-01T10:00:00Z"),
    });
  });

  it("has no first-response target when the plan sets none", () => {
    expect(slaDueDates(created, { firstResponseMinutes: null, resolutionMinutes: 480 })).toEqual({ dueAt: new Date("2025-01-01T17:00:00Z"), firstResponseDueAt: null });
  });

  it("crosses a month and year end", () => {
    expect(slaDueDates(new Date("2025-12-31T23:30:00Z"), { firstResponseMinutes: 45, resolutionMinutes: 45 }).dueAt).toEqual(new Date("2026-01-01T00:15:00Z"));
  });
});

describe("the one resolution rule", () => {
  it.each<[StatusKind, string | null, { resolution: string | null; missing: boolean }]>([
    ["RESOLVED", "Renewed the certificate.", { resolution: "Renewed the certificate.", missing: false }],
    ["RESOLVED", "  Restarted the MTA.\n", { resolution: "Restarted the MTA.", missing: false }],
    ["RESOLVED", "", { resolution: null, missing: true }],
    ["RESOLVED", "   \n ", { resolution: null, missing: true }],
    ["RESOLVED", null, { resolution: null, missing: true }],
    ["OPEN", "some text", { resolution: null, missing: false }],
    ["PENDING", "", { resolution: null, missing: false }],
    ["CLOSED", "", { resolution: null, missing: false }],
  ])("%s with %j", (to, text, expected) => {
    expect(resolutionOf(to, text)).toEqual(expected);
  });

  it.each<[StatusKind, string]>([
    ["OPEN", "open"],
    ["PENDING", "pending"],
    ["RESOLVED", "resolved"],
    ["CLOSED", "closed"],
  ])("a %s ticket calls itself %s", (kind, word) => {
    expect(stateWord(kind)).toBe(word);
  });
});

describe("which changes by others a reply may outlive", () => {
  it.each<[string[], boolean]>([
    [[], false],
    [["priority"], false],
    [["escalated", "priority"], false],
    [["status"], true],
    [["assigned"], true],
    [["transferred"], true],
    [["replied"], true],
    [["noted"], true],
    [["requester_replied"], true],
    [["requester_closed"], true],
    [["requester_reopened"], true],
    [["priority", "noted"], true],
    [["some_future_change"], true],
  ])("%j conflicts: %s", (types, conflicts) => {
    expect(replyConflictsWith(types)).toBe(conflicts);
  });
});

describe("queue markers", () => {
  it.each<[StatusKind, "us" | "requester" | null]>([
    ["OPEN", "us"],
    ["PENDING", "requester"],
    ["RESOLVED", null],
    ["CLOSED", null],
  ])("a %s ticket waits on %s", (kind, who) => {
    expect(waitingOn(kind)).toBe(who);
  });

  const now = new Date("2026-12-02T12:00:00Z");
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  it.each<[string, Parameters<typeof slaBadge>[0], ReturnType<typeof slaBadge>]>([
    ["closed", { isOpen: false, dueAt: at(-60) }, null],
    ["no SLA", { isOpen: true, dueAt: null }, null],
    ["far off", { isOpen: true, dueAt: at(5 * 60) }, null],
    ["due soon, hours", { isOpen: true, dueAt: at(150) }, { tone: "soon", label: "Due 3 h" }],
    ["due soon, minutes", { isOpen: true, dueAt: at(20) }, { tone: "soon", label: "Due 20 min" }],
    ["overdue", { isOpen: true, dueAt: at(-1) }, { tone: "overdue", label: "Overdue" }],
    ["first response overdue", { isOpen: true, dueAt: at(600), firstResponseDueAt: at(-5), firstRespondedAt: null }, { tone: "overdue", label: "Reply overdue" }],
    ["first response met", { isOpen: true, dueAt: at(600), firstResponseDueAt: at(-5), firstRespondedAt: at(-30) }, null],
    ["first response soon", { isOpen: true, dueAt: at(600), firstResponseDueAt: at(45), firstRespondedAt: null }, { tone: "soon", label: "Reply due 45 min" }],
  ])("%s", (_, ticket, badge) => {
    expect(slaBadge(ticket, now)).toEqual(badge);
  });
});
