// What the bell says about each event, and to whom (the subscriber leaves the actor out when writing).
import { describe, expect, it } from "vitest";
import type { TicketEvent } from "./events";
import { notificationsFor } from "./notify";

const base = { id: 1, ticketId: 9, actorKind: "staff" as const, actorId: 5, actorLabel: "Ann", createdAt: new Date(0) };
const ticket = { number: "123456", subject: "VPN", requesterName: "Ken" };
const about = "#123456 “VPN”";

describe("notificationsFor", () => {
  it.each<[TicketEvent, ReturnType<typeof notificationsFor>]>([
    [{ ...base, type: "requester.replied", entryId: 1, assigneeId: 7 }, [{ type: "requester_replied", staffIds: [7], message: `Ken replied on ${about}` }]],
    [{ ...base, type: "requester.replied", entryId: 1, assigneeId: null }, []],
    [{ ...base, type: "requester.reopened", assigneeId: 7 }, [{ type: "requester_replied", staffIds: [7], message: `Ken reopened ${about}` }]],
    [{ ...base, type: "note.added", entryId: 1, mentionedStaffIds: [3], excerpt: "x" }, [{ type: "mentioned", staffIds: [3], message: `Ann mentioned you in a note on ${about}` }]],
    [{ ...base, type: "note.added", entryId: 1, mentionedStaffIds: [], excerpt: "x" }, []],
    [{ ...base, type: "assigned", assigneeId: 3, teamId: null, toName: "Bo", staffIds: [3] }, [{ type: "assigned", staffIds: [3], message: `Ann assigned ${about} to you` }]],
    [{ ...base, type: "assigned", assigneeId: null, teamId: 2, toName: "Night shift", staffIds: [3, 4] }, [{ type: "assigned", staffIds: [3, 4], message: `${about} was assigned to your team Night shift` }]],
    [{ ...base, type: "assigned", assigneeId: null, teamId: null, toName: null, staffIds: [] }, []],
    [{ ...base, type: "transferred", fromDepartmentId: 1, toDepartmentId: 2, toName: "Sysadmins", reason: "Server" }, [{ type: "transferred", departmentId: 2, message: `Ann transferred ${about} to Sysadmins: Server` }]],
    [{ ...base, type: "status.changed", from: "OPEN", to: "RESOLVED", toName: "Resolved", watcherIds: [5, 6] }, [{ type: "resolved", staffIds: [5, 6], message: `Ann resolved ${about}` }]],
    [{ ...base, type: "status.changed", from: "OPEN", to: "PENDING", toName: "Pending", watcherIds: [5, 6] }, []],
    [{ ...base, type: "escalated", reason: "VIP", staffIds: [], departmentId: 4 }, [{ type: "escalated", departmentId: 4, message: `Ann escalated ${about}: VIP` }]],
    [{ ...base, type: "escalated", reason: "VIP", staffIds: [8], departmentId: 4 }, [{ type: "escalated", staffIds: [8], message: `Ann escalated ${about}: VIP` }]],
    [{ ...base, type: "priority.changed", fromName: "Low", toName: "High" }, []],
    [{ ...base, type: "ticket.opened", departmentId: 1, autoRespond: true, alertStaff: true }, []],
  ])("%o", (event, expected) => {
    expect(notificationsFor(event, ticket)).toEqual(expected);
  });
});
