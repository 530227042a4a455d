// The ticket lifecycle services against real SQLite and PostgreSQL databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { addNote, assignTicket, changeStatus, replyToTicket, setPriority, transferTicket } from "@/lib/tickets/agent-steps";
import { loadTicketInScope } from "@/lib/tickets/mutate";
import { ticketScope } from "@/lib/auth/policy";
import { countInScope, queueCounts } from "@/lib/tickets/queue-counts";
import { orderBy, queuePage } from "@/lib/tickets/queue-query";
import { getRequesterView, openTicket, requestTicketLink, requesterReply, requesterSetOpen } from "@/lib/tickets/requester-service";
import { bellNotifications, hasUnreadOnTicket, markTicketNotificationsRead } from "@/lib/tickets/notifications-service";
import { requesterPanel, ticketWorkspace, visibleTicketNumber } from "@/lib/tickets/workspace-query";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

function tokenOf(linkPath: string) {
  const [, , number, token] = linkPath.split("/");
  return { number: decodeURIComponent(number), token };
}

async function expectAppError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).fieldErrors[field]).toBeTruthy();
  return error as AppError;
}

describe.each(testDatabaseKinds())("ticket lifecycle on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function setup() {
    const support = await department(t.db, `Support ${uid()}`);
    const sysadmin = await department(t.db, `SysAdmin ${uid()}`);
    const topic = await helpTopic(t.db, support.id, { priorityName: "Sev C — normal" });
    const john = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "John Doe" })).id);
    const jane = await actorFor(t.db, (await staff(t.db, { departments: [sysadmin.id], name: "Jane Doe" })).id);
    const opened = await openTicket(t.db, { name: "Ken Adams", email: `ken-${uid()}@example.com`, helpTopicId: topic.id, subject: "VPN is down", message: "I cannot connect since 9am." });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } });
    return { support, sysadmin, topic, john, jane, opened, ticket };
  }

  it("opens a ticket from the public form with the topic's department and priority", async () => {
    const { support, opened, ticket } = await setup();
    expect(ticket).toMatchObject({ departmentId: support.id, isOpen: true, version: 1, subject: "VPN is down" });
    expect(opened.number).toMatch(/^\d{6}$/);
    const view = await getRequesterView(t.db, ...(Object.values(tokenOf(opened.linkPath)) as [string, string]));
    expect(view.entries.map((e) => e.body)).toEqual(["I cannot connect since 9am."]);
    expect(view.ticket.status.name).toBe("Open");
  });

  it("opens one ticket for a double submission of the same form", async () => {
    const { topic } = await setup();
    const clientKey = crypto.randomUUID();
    const input = { name: "Ken", email: "ken-double@example.com", helpTopicId: topic.id, subject: "Twice", message: "Once", clientKey };
    const [a, b] = [await openTicket(t.db, input), await openTicket(t.db, input)];
    expect(a.number).toBe(b.number);
    expect(await t.db.ticket.count({ where: { clientKey } })).toBe(1);
  });

  it("refuses an unknown help topic with a field error", async () => {
    await expectAppError(openTicket(t.db, { name: "Ken", email: "ken@example.com", helpTopicId: 999_999, subject: "Hello", message: "Hi" }), "INVALID", "helpTopicId");
  });

  it("runs the whole workflow: Sev A, transfer with a note, @mention, resolution", async () => {
    const { john, jane, sysadmin, ticket, opened } = await setup();
    let v = (await setPriority(t.db, john, { ticketId: ticket.id, version: 1, priorityId: (await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } })).id })).version;
    v = (await transferTicket(t.db, john, { ticketId: ticket.id, version: v, departmentId: sysadmin.id, reason: "VPN concentrator is ours to fix" })).version;
    v = (await addNote(t.db, john, { ticketId: ticket.id, version: v, body: "Customer is on the Berlin site." })).version;

    // Jane's department queue has it at once; John keeps sight of it as a watcher, outside his queues.
    const janeQueue = await queuePage(t.db, jane, { queue: "open", sort: "updated" });
    expect(janeQueue.rows.map((r) => r.number)).toContain(ticket.number);
    expect((await queuePage(t.db, john, { queue: "watching", sort: "updated" })).rows.map((r) => r.number)).toContain(ticket.number);
    expect(await t.db.notification.count({ where: { staffId: jane.id, type: "transferred", ticketId: ticket.id } })).toBe(1);

    const janeNote = await addNote(t.db, jane, { ticketId: ticket.id, version: v, body: `@${john.username} the tunnel certificate expired; renewing now.` });
    v = janeNote.version;
    expect(janeNote.mentionedWithoutAccess).toBeUndefined();
    expect(await t.db.notification.count({ where: { staffId: john.id, type: "mentioned", ticketId: ticket.id } })).toBe(1);
    // A colleague who may not open the ticket is not told, and the author learns who was left out.
    const outsider = await staff(t.db, { departments: [] });
    const left = await addNote(t.db, jane, { ticketId: ticket.id, version: v, body: `@${outsider.username} and @${john.username}: FYI` });
    v = left.version;
    expect(left.mentionedWithoutAccess).toEqual([outsider.username]);
    expect(await t.db.notification.count({ where: { staffId: outsider.id, ticketId: ticket.id } })).toBe(0);

    const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
    await expectAppError(changeStatus(t.db, jane, { ticketId: ticket.id, version: v, statusId: resolved.id }), "INVALID", "note");
    v = (await changeStatus(t.db, jane, { ticketId: ticket.id, version: v, statusId: resolved.id, note: "Renewed the certificate." })).version;

    const ws = await ticketWorkspace(t.db, john, ticket.number);
    expect(ws?.ticket.status.name).toBe("Resolved");
    expect(ws?.ticket.isOpen).toBe(false);
    expect(ws?.entries.map((e) => [e.kind, e.body])).toEqual([
      ["MESSAGE", "I cannot connect since 9am."],
      ["NOTE", "Customer is on the Berlin site."],
      ["NOTE", `@${john.username} the tunnel certificate expired; renewing now.`],
      ["NOTE", `@${outsider.username} and @${john.username}: FYI`],
      ["REPLY", "Renewed the certificate."],
    ]);
    expect(ws?.ticket.resolution).toBe("Renewed the certificate.");
    expect(ws?.history.map((h) => h.text)).toEqual([
      "Ken Adams (requester) opened the ticket in " + (await t.db.department.findFirstOrThrow({ where: { id: ticket.departmentId } })).name,
      "John Doe changed priority from Sev C — normal to Sev A — critical",
      `John Doe transferred the ticket from ${(await t.db.department.findFirstOrThrow({ where: { id: ticket.departmentId } })).name} to ${sysadmin.name}`,
      "John Doe added an internal note",
      "Jane Doe added an internal note",
      "Jane Doe added an internal note",
      "Jane Doe replied to the requester",
      "Jane Doe changed status from Open to Resolved",
    ]);
    expect(await t.db.notification.count({ where: { staffId: john.id, type: "resolved", ticketId: ticket.id } })).toBe(1);

    // The requester sees the thread without a single internal note, and the resolution.
    const view = await getRequesterView(t.db, ...(Object.values(tokenOf(opened.linkPath)) as [string, string]));
    expect(view.entries.map((e) => e.kind)).toEqual(["MESSAGE", "REPLY"]);
    expect(view.ticket.isOpen).toBe(false);
    expect(view.resolution?.text).toBe("Renewed the certificate.");
  });

  it("applies one resolution rule to a reply that resolves and to the status change", async () => {
    const { john, ticket, opened } = await setup();
    const link = Object.values(tokenOf(opened.linkPath)) as [string, string];
    // A reply that resolves is the resolution.
    let v = (await replyToTicket(t.db, john, { ticketId: ticket.id, version: 1, body: "Reset your token; it works again.", statusAfter: "RESOLVED" })).version;
    let after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { status: true } });
    expect(after).toMatchObject({ resolution: "Reset your token; it works again.", isOpen: false, status: { kind: "RESOLVED" } });
    expect((await getRequesterView(t.db, ...link)).resolution?.text).toBe("Reset your token; it works again.");
    const statusEvent = await t.db.historyEvent.findFirstOrThrow({ where: { ticketId: ticket.id, type: "status" }, orderBy: { id: "desc" } });
    expect(statusEvent.detail).toBe("Reset your token; it works again.");

    // Reopening forgets it; resolving by status then asks for the resolution and sends it as a reply.
    const open = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "OPEN" } });
    const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
    v = (await changeStatus(t.db, john, { ticketId: ticket.id, version: v, statusId: open.id })).version;
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).resolution).toBeNull();
    expect((await getRequesterView(t.db, ...link)).resolution).toBeNull();
    await expectAppError(changeStatus(t.db, john, { ticketId: ticket.id, version: v, statusId: resolved.id, note: "  \n " }), "INVALID", "note");
    v = (await changeStatus(t.db, john, { ticketId: ticket.id, version: v, statusId: resolved.id, note: "Replaced the token." })).version;
    after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { status: true } });
    expect(after.resolution).toBe("Replaced the token.");
    const view = await getRequesterView(t.db, ...link);
    expect(view.entries.filter((e) => e.kind === "REPLY").map((e) => e.body)).toEqual(["Reset your token; it works again.", "Replaced the token."]);
    expect(view.resolution?.text).toBe("Replaced the token.");
    // A resolved ticket says so, and a reply to it must reopen it.
    const refused = await expectAppError(replyToTicket(t.db, john, { ticketId: ticket.id, version: v, body: "One more thing" }), "INVALID", "body");
    expect(refused.message).toBe("This ticket is resolved.");
  });

  it("refuses a stale step and says what changed", async () => {
    const { john, ticket } = await setup();
    const sevA = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } });
    await assignTicket(t.db, john, { ticketId: ticket.id, version: 1, assignee: "me" });
    // Made on the version before the claim, "Nobody" would silently undo it: refused instead.
    const error = await expectAppError(assignTicket(t.db, john, { ticketId: ticket.id, version: 1, assignee: "none" }), "CONFLICT");
    expect(error.details).toEqual(["John Doe assigned the ticket to John Doe"]);
    await expectAppError(setPriority(t.db, john, { ticketId: ticket.id, version: 1, priorityId: sevA.id }), "CONFLICT");
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ assigneeId: john.id, version: 2 });
  });

  it("sends a reply written while only the priority changed, and says what changed", async () => {
    const { john, ticket, support } = await setup();
    const jane = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "Jane Doe" })).id);
    const sevA = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } });
    await setPriority(t.db, jane, { ticketId: ticket.id, version: 1, priorityId: sevA.id });
    const sent = await replyToTicket(t.db, john, { ticketId: ticket.id, version: 1, body: "Looking into it", statusAfter: "PENDING" });
    expect(sent.changedMeanwhile).toEqual(["Jane Doe changed priority from Sev C — normal to Sev A — critical"]);
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { status: true, priority: true } })).toMatchObject({ version: 3, status: { kind: "PENDING" }, priority: { name: "Sev A — critical" } });
    expect(await t.db.threadEntry.count({ where: { ticketId: ticket.id, kind: "REPLY" } })).toBe(1);
  });

  it("sends a reply written before the agent's own changes (the page had not caught up), and refuses others' steps as before", async () => {
    const { john, ticket } = await setup();
    const sevA = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } });
    let v = (await assignTicket(t.db, john, { ticketId: ticket.id, version: 1, assignee: "me" })).version;
    v = (await addNote(t.db, john, { ticketId: ticket.id, version: v, body: "Checking the logs" })).version;
    const sent = await replyToTicket(t.db, john, { ticketId: ticket.id, version: 1, body: "Looking into it", statusAfter: "PENDING" });
    expect(sent.changedMeanwhile).toEqual([]);
    expect(sent.version).toBe(v + 1);
    // Steps that tolerate nothing are still refused on a stale version, even after one's own change.
    await expectAppError(setPriority(t.db, john, { ticketId: ticket.id, version: 1, priorityId: sevA.id }), "CONFLICT");
  });

  it("adds a note written before anyone's changes (a note undoes nothing) and says what changed", async () => {
    const { john, ticket, support } = await setup();
    const jane = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "Jane Doe" })).id);
    const pending = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "PENDING" } });
    let v = (await replyToTicket(t.db, john, { ticketId: ticket.id, version: 1, body: "Which model?" })).version;
    v = (await changeStatus(t.db, jane, { ticketId: ticket.id, version: v, statusId: pending.id })).version;
    const noted = await addNote(t.db, john, { ticketId: ticket.id, version: 1, body: "Asked for the model." });
    expect(noted.changedMeanwhile).toEqual(["Jane Doe changed status from Open to Pending"]);
    expect(noted.version).toBe(v + 1);
    expect(await t.db.threadEntry.count({ where: { ticketId: ticket.id, kind: "NOTE" } })).toBe(1);
  });

  it.each([
    ["a status change", "status"],
    ["an assignment", "assign"],
    ["a colleague's note", "note"],
    ["the requester's reply", "requester"],
  ] as const)("refuses a reply written before %s, and keeps the ticket as it was", async (_, change) => {
    const { john, ticket, support, opened } = await setup();
    const jane = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "Jane Doe" })).id);
    const sevA = await t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } });
    let v = (await setPriority(t.db, jane, { ticketId: ticket.id, version: 1, priorityId: sevA.id })).version;
    if (change === "status") v = (await changeStatus(t.db, jane, { ticketId: ticket.id, version: v, statusId: (await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "PENDING" } })).id })).version;
    if (change === "assign") v = (await assignTicket(t.db, jane, { ticketId: ticket.id, version: v, assignee: "me" })).version;
    if (change === "note") v = (await addNote(t.db, jane, { ticketId: ticket.id, version: v, body: "Already on it" })).version;
    if (change === "requester") {
      await requesterReply(t.db, ...(Object.values(tokenOf(opened.linkPath)) as [string, string]), { message: "Never mind, it works" });
      v += 1;
    }
    const error = await expectAppError(replyToTicket(t.db, john, { ticketId: ticket.id, version: 1, body: "Looking into it" }), "CONFLICT");
    expect(error.details?.[0]).toBe("Jane Doe changed priority from Sev C — normal to Sev A — critical");
    expect(error.details).toHaveLength(2);
    expect(await t.db.threadEntry.count({ where: { ticketId: ticket.id, kind: "REPLY" } })).toBe(0);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(v);
  });

  it("reads a ticket's notifications when its agent opens it, and nobody else's", async () => {
    const { john, ticket, support } = await setup();
    const other = (await setup()).ticket;
    const jane = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "Jane Doe" })).id);
    await t.db.notification.createMany({
      data: [
        { staffId: john.id, ticketId: ticket.id, type: "assigned", message: "a" },
        { staffId: john.id, ticketId: ticket.id, type: "mentioned", message: "b" },
        { staffId: john.id, ticketId: other.id, type: "assigned", message: "c" },
        { staffId: jane.id, ticketId: ticket.id, type: "assigned", message: "d" },
      ],
    });
    expect(await hasUnreadOnTicket(t.db, john, ticket.id)).toBe(true);
    expect(await markTicketNotificationsRead(t.db, john, { ticketId: ticket.id })).toBe(2);
    expect(await hasUnreadOnTicket(t.db, john, ticket.id)).toBe(false);
    expect(await hasUnreadOnTicket(t.db, john, other.id)).toBe(true);
    expect(await hasUnreadOnTicket(t.db, jane, ticket.id)).toBe(true);
    const bell = await bellNotifications(t.db, john);
    expect(bell.items.filter((n) => n.ticketNumber === ticket.number).every((n) => n.read)).toBe(true);
  });

  it("shows the requester's other tickets, only those the agent may see", async () => {
    const { john, jane, ticket, topic, sysadmin, opened } = await setup();
    const email = (await t.db.requester.findUniqueOrThrow({ where: { id: ticket.requesterId } })).email;
    const second = await openTicket(t.db, { name: "Ken Adams", email, helpTopicId: topic.id, subject: "Printer too", message: "And the printer." });
    const third = await openTicket(t.db, { name: "Ken Adams", email, helpTopicId: topic.id, subject: "Badge reader", message: "Badge." });
    const thirdId = (await t.db.ticket.findUniqueOrThrow({ where: { number: third.number } })).id;
    await transferTicket(t.db, john, { ticketId: thirdId, version: 1, departmentId: sysadmin.id, reason: "Theirs" });
    await t.db.ticketWatcher.deleteMany({ where: { ticketId: thirdId } });
    const forJohn = await requesterPanel(t.db, john, ticket.requesterId, ticket.id);
    expect(forJohn).toMatchObject({ name: "Ken Adams", email, organisation: "example.com" });
    expect(forJohn!.open.map((x) => x.number)).toEqual([second.number]);
    const forJane = await requesterPanel(t.db, jane, ticket.requesterId, ticket.id);
    expect(forJane!.open.map((x) => x.number)).toEqual([third.number]);
    expect([...forJohn!.open, ...forJohn!.recent].map((x) => x.number)).not.toContain(opened.number);
  });

  it("jumps only to a ticket the agent may see, by its exact number", async () => {
    const { john, jane, ticket } = await setup();
    expect(await visibleTicketNumber(t.db, john, ticket.number)).toBe(ticket.number);
    expect(await visibleTicketNumber(t.db, john, ` #${ticket.number} `)).toBe(ticket.number);
    expect(await visibleTicketNumber(t.db, john, ticket.number.slice(0, 3))).toBeNull();
    expect(await visibleTicketNumber(t.db, jane, ticket.number)).toBeNull();
  });

  it("lets exactly one of two simultaneous changes through", async () => {
    const { john, ticket, support } = await setup();
    const colleague = await actorFor(t.db, (await staff(t.db, { departments: [support.id], name: "Colleague" })).id);
    const [sevA, sevB] = await Promise.all([t.db.priority.findUniqueOrThrow({ where: { name: "Sev A — critical" } }), t.db.priority.findUniqueOrThrow({ where: { name: "Sev B — high" } })]);
    const results = await Promise.allSettled([
      setPriority(t.db, john, { ticketId: ticket.id, version: 1, priorityId: sevA.id }),
      setPriority(t.db, colleague, { ticketId: ticket.id, version: 1, priorityId: sevB.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    const after = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.version).toBe(2);
    expect(await t.db.historyEvent.count({ where: { ticketId: ticket.id, type: "priority" } })).toBe(1);
  });

  it("hides a ticket from an agent outside its department: not found, not in queues, no actions", async () => {
    const { jane, ticket } = await setup();
    await expectAppError(loadTicketInScope(t.db, jane, ticket.id), "NOT_FOUND");
    expect(await ticketWorkspace(t.db, jane, ticket.number)).toBeNull();
    expect((await queuePage(t.db, jane, { queue: "all", sort: "updated" })).rows.map((r) => r.id)).not.toContain(ticket.id);
    expect((await queuePage(t.db, jane, { queue: "all", sort: "updated", q: ticket.number })).rows).toEqual([]);
    const john = await actorFor(t.db, (await t.db.staffDepartment.findFirstOrThrow({ where: { departmentId: ticket.departmentId } })).staffId);
    expect((await queuePage(t.db, john, { queue: "all", sort: "updated", q: ticket.number })).rows.map((r) => r.id)).toEqual([ticket.id]);
    expect((await queuePage(t.db, john, { queue: "all", sort: "updated", q: "VPN is" })).rows.map((r) => r.id)).toContain(ticket.id);
    // Search ignores case on both databases.
    expect((await queuePage(t.db, john, { queue: "all", sort: "updated", q: "vpn IS" })).rows.map((r) => r.id)).toContain(ticket.id);
    await expectAppError(addNote(t.db, jane, { ticketId: ticket.id, version: 1, body: "sneaky" }), "NOT_FOUND");
    await expectAppError(assignTicket(t.db, jane, { ticketId: ticket.id, version: 1, assignee: "me" }), "NOT_FOUND");
  });

  it("refuses a step the agent's role does not grant", async () => {
    const { support, ticket } = await setup();
    const viewer = await actorFor(t.db, (await staff(t.db, { departments: [support.id], role: "View only" })).id);
    await expectAppError(replyToTicket(t.db, viewer, { ticketId: ticket.id, version: 1, body: "hello" }), "FORBIDDEN");
  });

  it("assigns, claims and refuses an assignee outside the department", async () => {
    const { john, jane, ticket } = await setup();
    let v = (await assignTicket(t.db, john, { ticketId: ticket.id, version: 1, assignee: "me" })).version;
    expect((await queuePage(t.db, john, { queue: "mine", sort: "updated" })).rows.map((r) => r.id)).toContain(ticket.id);
    await expectAppError(assignTicket(t.db, john, { ticketId: ticket.id, version: v, assignee: `staff:${jane.id}` }), "INVALID", "assignee");
    v = (await assignTicket(t.db, john, { ticketId: ticket.id, version: v, assignee: "none" })).version;
    expect(v).toBe(3);
  });

  it("keeps replies off a closed ticket until it is reopened", async () => {
    const { john, ticket, opened } = await setup();
    const closed = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "CLOSED" } });
    const v = (await changeStatus(t.db, john, { ticketId: ticket.id, version: 1, statusId: closed.id })).version;
    await expectAppError(replyToTicket(t.db, john, { ticketId: ticket.id, version: v, body: "hi" }), "INVALID", "body");
    const { number, token } = tokenOf(opened.linkPath);
    await expectAppError(requesterReply(t.db, number, token, { message: "hello?" }), "INVALID", "message");
    await requesterSetOpen(t.db, number, token, true);
    await requesterReply(t.db, number, token, { message: "Still broken." });
    const view = await getRequesterView(t.db, number, token);
    expect(view.ticket.isOpen).toBe(true);
    expect(view.entries.at(-1)?.body).toBe("Still broken.");
  });

  it("keeps a followed ticket in the follower's open queue exactly while it is open", async () => {
    const { john, jane, ticket, opened, sysadmin } = await setup();
    // John works on it, so he follows it; then it moves to Jane's department, out of John's.
    let v = (await addNote(t.db, john, { ticketId: ticket.id, version: 1, body: "Looking" })).version;
    v = (await transferTicket(t.db, john, { ticketId: ticket.id, version: v, departmentId: sysadmin.id, reason: "Servers" })).version;
    const inJohnsOpenQueue = async () => (await queuePage(t.db, john, { queue: "open", sort: "updated" })).rows.some((r) => r.id === ticket.id);
    const followerRow = () => t.db.ticketWatcher.findUniqueOrThrow({ where: { ticketId_staffId: { ticketId: ticket.id, staffId: john.id } } });
    expect(await inJohnsOpenQueue()).toBe(true);
    expect((await followerRow()).ticketIsOpen).toBe(true);

    const closed = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "CLOSED" } });
    await changeStatus(t.db, jane, { ticketId: ticket.id, version: v, statusId: closed.id });
    expect((await followerRow()).ticketIsOpen).toBe(false);
    expect(await inJohnsOpenQueue()).toBe(false);
    expect((await queueCounts(t.db, john)).watching.value).toBeGreaterThanOrEqual(1);

    const { number, token } = tokenOf(opened.linkPath);
    await requesterSetOpen(t.db, number, token, true);
    expect((await followerRow()).ticketIsOpen).toBe(true);
    expect(await inJohnsOpenQueue()).toBe(true);
  });

  it("never opens a ticket through another ticket's link", async () => {
    const a = await setup();
    const b = await setup();
    const linkA = tokenOf(a.opened.linkPath);
    const linkB = tokenOf(b.opened.linkPath);
    await expectAppError(getRequesterView(t.db, linkA.number, linkB.token), "NOT_FOUND");
    await expectAppError(getRequesterView(t.db, linkA.number, linkA.token.slice(0, -1) + (linkA.token.endsWith("A") ? "B" : "A")), "NOT_FOUND");
    await expectAppError(requesterReply(t.db, linkB.number, linkA.token, { message: "x" }), "NOT_FOUND");
  });

  it("answers a status request the same way whether or not the pair exists", async () => {
    const { ticket } = await setup();
    const requester = await t.db.requester.findUniqueOrThrow({ where: { id: ticket.requesterId } });
    const before = await t.db.outboxMessage.count();
    await expect(requestTicketLink(t.db, { email: requester.email, number: ticket.number })).resolves.toBeUndefined();
    await expect(requestTicketLink(t.db, { email: "stranger@example.com", number: ticket.number })).resolves.toBeUndefined();
    expect(await t.db.outboxMessage.count()).toBe(before + 1);
  });

  // Over a hundred tickets opened through the real path first: seconds alone, minutes when the browser
  // suites share the cores, so these two get more than the default half-minute.
  it("pages a deep queue with keyset cursors: every ticket once, in order", { timeout: 120_000 }, async () => {
    const dept = await department(t.db);
    const topic = await helpTopic(t.db, dept.id);
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id] })).id);
    for (let i = 0; i < 120; i++) await openTicket(t.db, { name: "Bulk", email: "bulk@example.com", helpTopicId: topic.id, subject: `Bulk ${i}`, message: "x" });
    for (const sort of ["updated", "created", "priority", "due"] as const) {
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await queuePage(t.db, agent, { queue: "open", sort, department: dept.id, after });
        seen.push(...page.rows.map((r) => r.id));
        after = page.next ?? undefined;
      } while (after);
      expect(new Set(seen).size).toBe(120);
      const all = await t.db.ticket.findMany({ where: { departmentId: dept.id, isOpen: true }, orderBy: orderBy(sort), select: { id: true } });
      expect(seen).toEqual(all.map((r) => r.id));
    }
    expect(await countInScope(t.db, agent, { isOpen: true, departmentId: dept.id })).toEqual({ value: 120, capped: false });
    expect(await countInScope(t.db, agent, { isOpen: true, departmentId: dept.id }, 50)).toEqual({ value: 50, capped: true });
  });

  it("merges an agent's department and followed tickets page by page, dated before undated, and counts them once", { timeout: 120_000 }, async () => {
    const [mine, other] = [await department(t.db), await department(t.db)];
    const topics = [await helpTopic(t.db, mine.id), await helpTopic(t.db, other.id)];
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [mine.id] })).id);
    for (let i = 0; i < 110; i++) await openTicket(t.db, { name: "Bulk", email: "bulk@example.com", helpTopicId: topics[i % 2].id, subject: `Due ${i}`, message: "x" });
    const opened = await t.db.ticket.findMany({ where: { departmentId: { in: [mine.id, other.id] } }, orderBy: { id: "asc" }, select: { id: true, departmentId: true } });
    for (const [i, ticket] of opened.entries()) {
      // Two in three get a due date, several sharing one (ties break on id); the agent follows a
      // few tickets of the other department (as after a transfer out of theirs), and one of their own.
      if (i % 3) await t.db.ticket.update({ where: { id: ticket.id }, data: { dueAt: new Date(Date.UTC(2030, 0, 1 + (i % 5))) } });
      if (i % 4 === 0 && (ticket.departmentId === other.id || i === 0)) await t.db.ticketWatcher.create({ data: { ticketId: ticket.id, staffId: agent.id, departmentId: mine.id } });
    }
    const ids = opened.map((o) => o.id);
    for (const [queue, extra] of [["open", {}], ["watching", { watchers: { some: { staffId: agent.id } } }]] as const) {
      const expected = await t.db.ticket.findMany({ where: { id: { in: ids }, ...ticketScope(agent), ...extra }, orderBy: orderBy("due"), select: { id: true } });
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await queuePage(t.db, agent, { queue, sort: "due", after });
        seen.push(...page.rows.map((r) => r.id));
        after = page.next ?? undefined;
      } while (after);
      expect(seen).toEqual(expected.map((r) => r.id));
    }
    const counts = await queueCounts(t.db, agent);
    expect(counts.open.value).toBe(await t.db.ticket.count({ where: { id: { in: ids }, isOpen: true, ...ticketScope(agent) } }));
    expect(counts.watching.value).toBe(await t.db.ticketWatcher.count({ where: { staffId: agent.id } }));
  });
});
