// Domain events and their delivery (lib/tickets/events.ts, lib/events/dispatcher.ts) against real
// SQLite and PostgreSQL: every step records its typed event in its own transaction; each subscriber
// gets each event exactly once, in order, across failures, restarts and two dispatchers at once.
// The test subscribers write a row keyed by subscriber and event id (a unique name), so a second
// delivery of a handled event could not pass unseen: it would fail on the key.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerSubscriber, startEventDispatcher } from "@/lib/events/bus";
import { createDispatcher, type DurableSubscriber, type EventRow } from "@/lib/events/dispatcher";
import { databaseTarget } from "@/lib/server/database-url";
import { AppError } from "@/lib/server/errors";
import { createDb } from "@/lib/server/prisma";
import { addNote, assignTicket, changeStatus, escalateTicket, replyToTicket, setPriority, transferTicket } from "@/lib/tickets/agent-steps";
import { readEvent, recordEvents } from "@/lib/tickets/events";
import { notificationSubscriber } from "@/lib/tickets/notify";
import { ticketMailSubscriber } from "@/lib/mail/ticket-event-mail";
import { openTicket, requesterReply, requesterSetOpen } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-events-files-"));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const linkOf = (linkPath: string) => {
  const [, , number, token] = linkPath.split("/");
  return { number: decodeURIComponent(number), token };
};

describe.each(testDatabaseKinds())("ticket events on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  let deptId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    deptId = (await department(t.db)).id;
    topicId = (await helpTopic(t.db, deptId)).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function newTicket() {
    const opened = await openTicket(t.db, { name: "Ed", email: `ed-${uid()}@example.com`, helpTopicId: topicId, subject: `Case ${uid()}`, message: "Hello." });
    const link = linkOf(opened.linkPath);
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: link.number } });
    return { ...link, id: ticket.id };
  }
  const version = async (id: number) => (await t.db.ticket.findUniqueOrThrow({ where: { id } })).version;
  const allEventIds = async () => (await t.db.ticketEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);

  /** A subscriber whose visible effect is one Sequence row per event it handled. */
  function recorder(name: string, failOn: Set<number> = new Set()): DurableSubscriber & { failOn: Set<number> } {
    const sub = {
      name,
      failOn,
      async handle(tx: Parameters<DurableSubscriber["handle"]>[0], event: EventRow) {
        await tx.sequence.create({ data: { name: `${name}:${event.id}`, value: event.id } });
        if (sub.failOn.has(event.id)) throw new Error(`refused event ${event.id}`);
      },
    };
    return sub;
  }
  const handledBy = async (name: string) => (await t.db.sequence.findMany({ where: { name: { startsWith: `${name}:` } }, orderBy: { value: "asc" } })).map((s) => s.value);
  const positionOf = (name: string) => t.db.eventSubscriberPosition.findUniqueOrThrow({ where: { name } });

  it("records one typed event per step, in order, with the actor of each kind", async () => {
    const agentRow = await staff(t.db, { departments: [deptId], name: "Ann Agent" });
    const colleague = await staff(t.db, { departments: [deptId] });
    const agent = await actorFor(t.db, agentRow.id);
    const other = await department(t.db, `Other ${uid()}`);
    const { id, number, token } = await newTicket();
    await requesterReply(t.db, number, token, { message: "More detail." });
    await replyToTicket(t.db, agent, { ticketId: id, version: await version(id), body: "On it." });
    await addNote(t.db, agent, { ticketId: id, version: await version(id), body: `Ask @${colleague.username}` });
    const high = await t.db.priority.findFirstOrThrow({ where: { NOT: { id: (await t.db.ticket.findUniqueOrThrow({ where: { id } })).priorityId } } });
    await setPriority(t.db, agent, { ticketId: id, version: await version(id), priorityId: high.id });
    await assignTicket(t.db, agent, { ticketId: id, version: await version(id), assignee: "me" });
    await escalateTicket(t.db, agent, { ticketId: id, version: await version(id), reason: "VIP" });
    const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
    await changeStatus(t.db, agent, { ticketId: id, version: await version(id), statusId: resolved.id, note: "Fixed." });
    await requesterSetOpen(t.db, number, token, true);
    await requesterSetOpen(t.db, number, token, false);
    await transferTicket(t.db, agent, { ticketId: id, version: await version(id), departmentId: other.id, reason: "Theirs now" });

    const events = (await t.db.ticketEvent.findMany({ where: { ticketId: id }, orderBy: { id: "asc" } })).map(readEvent);
    expect(events.map((e) => [e.type, e.actorKind])).toEqual([
      ["ticket.opened", "requester"],
      ["requester.replied", "requester"],
      ["agent.replied", "staff"],
      ["note.added", "staff"],
      ["priority.changed", "staff"],
      ["assigned", "staff"],
      ["escalated", "staff"],
      // Resolving tells the requester the resolution: a reply, then the change of status.
      ["agent.replied", "staff"],
      ["status.changed", "staff"],
      ["requester.reopened", "requester"],
      ["requester.closed", "requester"],
      ["transferred", "staff"],
    ]);
    expect(events[3]).toMatchObject({ type: "note.added", mentionedStaffIds: [colleague.id], actorId: agentRow.id, actorLabel: "Ann Agent" });
    expect(events[8]).toMatchObject({ type: "status.changed", from: "OPEN", to: "RESOLVED", withReply: true });
    expect(events[11]).toMatchObject({ type: "transferred", fromDepartmentId: deptId, toDepartmentId: other.id, reason: "Theirs now" });
  });

  it("writes no event when the transaction that recorded it rolls back", async () => {
    const { id, number, token } = await newTicket();
    const before = await allEventIds();
    await expect(
      t.db.$transaction(async (tx) => {
        await recordEvents(tx, id, { kind: "system", job: "test" }, [{ type: "requester.closed" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // A refused step rolls back too: the settings-free close of a closed ticket.
    await requesterSetOpen(t.db, number, token, false);
    const after = await allEventIds();
    await expect(requesterSetOpen(t.db, number, token, false)).rejects.toBeInstanceOf(AppError);
    expect(await allEventIds()).toEqual(after);
    expect(after.length).toBe(before.length + 1);
  });

  it("delivers every event to each subscriber exactly once, in order, and again only what is new", async () => {
    await newTicket();
    const a = recorder(`a-${uid()}`);
    const b = recorder(`b-${uid()}`);
    const dispatcher = createDispatcher(t.db, [a, b], { batch: 3 });
    await dispatcher.run();
    const ids = await allEventIds();
    expect(await handledBy(a.name)).toEqual(ids);
    expect(await handledBy(b.name)).toEqual(ids);
    await dispatcher.run(); // nothing new: nothing repeated
    const { number, token } = await newTicket();
    await requesterSetOpen(t.db, number, token, false);
    await dispatcher.run();
    const now = await allEventIds();
    expect(now.length).toBeGreaterThan(ids.length);
    expect(await handledBy(a.name)).toEqual(now);
    expect(await handledBy(b.name)).toEqual(now);
    // The busy dispatcher keeps its lease between runs, until it stops or the lease runs out.
    expect(await positionOf(a.name)).toMatchObject({ lastEventId: now.at(-1), failures: 0, lastError: null, leaseOwner: dispatcher.owner });
    await dispatcher.stop();
    expect(await positionOf(a.name)).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });

  it("keeps a failing subscriber on its event, lets the others through, and resumes from there", async () => {
    await newTicket();
    const ids = await allEventIds();
    const stuckAt = ids[Math.floor(ids.length / 2)];
    const failing = recorder(`fail-${uid()}`, new Set([stuckAt]));
    const healthy = recorder(`ok-${uid()}`);
    const dispatcher = createDispatcher(t.db, [failing, healthy]);
    await dispatcher.run();
    await dispatcher.run(); // a second try fails again, and counts
    expect(await handledBy(healthy.name)).toEqual(ids);
    // The failed event's write rolled back with it: handled are exactly the events before it.
    expect(await handledBy(failing.name)).toEqual(ids.filter((id) => id < stuckAt));
    const stuck = await positionOf(failing.name);
    expect(stuck).toMatchObject({ lastEventId: ids[ids.indexOf(stuckAt) - 1], failures: 2, leaseOwner: null });
    expect(stuck.lastError).toContain(`refused event ${stuckAt}`);

    failing.failOn.clear();
    await dispatcher.run();
    expect(await handledBy(failing.name)).toEqual(ids);
    expect(await positionOf(failing.name)).toMatchObject({ lastEventId: ids.at(-1), failures: 0, lastError: null });
  });

  it("after a restart a new dispatcher repeats nothing and loses nothing, once the dead one's lease expires", async () => {
    await newTicket();
    const name = `restart-${uid()}`;
    const first = createDispatcher(t.db, [recorder(name)], { owner: "first", leaseMs: 60_000 });
    await first.run();
    const handledBefore = await handledBy(name);
    // More changes arrive; then the first process dies while holding the lease (mid-run).
    await newTicket();
    await newTicket();
    await t.db.eventSubscriberPosition.update({ where: { name }, data: { leaseOwner: "first", leaseUntil: new Date(Date.now() + 60_000) } });

    const second = createDispatcher(t.db, [recorder(name)], { owner: "second", leaseMs: 60_000 });
    // The lease still holds: it waits, and says that another process has work to do.
    expect(await second.run()).toEqual({ leaseElsewhere: true });
    expect(await handledBy(name)).toEqual(handledBefore);
    const later = createDispatcher(t.db, [recorder(name)], { owner: "second", leaseMs: 60_000, now: () => new Date(Date.now() + 61_000) });
    expect(await later.run()).toEqual({ leaseElsewhere: false });
    expect(await handledBy(name)).toEqual(await allEventIds());
    // Nothing new: nobody has anything to be told.
    expect(await second.run()).toEqual({ leaseElsewhere: false });
    expect(await positionOf(name)).toMatchObject({ leaseOwner: "second" });
  });

  it("two dispatchers at once (two servers) share the work without handling anything twice", async () => {
    for (let i = 0; i < 3; i++) await newTicket();
    const name = `cluster-${uid()}`;
    const one = createDispatcher(t.db, [recorder(name)], { owner: "one", batch: 2 });
    const two = createDispatcher(t.db, [recorder(name)], { owner: "two", batch: 2 });
    await Promise.all([one.run(), two.run(), one.run(), two.run()]);
    // Whichever held the lease finished the stream; the other waited its turn or found nothing left.
    await Promise.all([one.run(), two.run()]);
    expect(await handledBy(name)).toEqual(await allEventIds());
  });

  it("hands out event ids in commit order: a reader between two writers' commits skips nothing", async () => {
    const { id } = await newTicket();
    const name = `order-${uid()}`;
    const reader = createDispatcher(t.db, [recorder(name)]);
    await reader.run();
    const system = { kind: "system", job: "test" } as const;
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = t.db.$transaction(async (tx) => {
      await recordEvents(tx, id, system, [{ type: "requester.closed" }]);
      firstWrote();
      await firstMayCommit;
    });
    await firstHasWritten;
    // The second writer drew its id after the first: it must not commit before the first does.
    const second = t.db.$transaction((tx) => recordEvents(tx, id, system, [{ type: "requester.reopened", assigneeId: null }]));
    const secondCommittedFirst = await Promise.race([second.then(() => true), sleep(500).then(() => false)]);
    // A reader in between sees whatever has committed. (On SQLite this client's reads share the open
    // transaction's connection and the second writer waits for the first's write lock anyway.)
    if (kind === "postgresql") await reader.run();
    commitFirst();
    await Promise.all([first, second]);
    await reader.run();
    expect(secondCommittedFirst).toBe(false);
    expect(await handledBy(name)).toEqual(await allEventIds());
  });

  it("with a background dispatcher, a change's response does not wait for the subscribers, which still get each event once", async () => {
    const before = (await allEventIds()).at(-1) ?? 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let reached!: () => void;
    const handling = new Promise<void>((resolve) => (reached = resolve));
    const name = `slow-${uid()}`;
    const slow = recorder(name);
    const unregister = registerSubscriber({
      name,
      async handle(tx, event) {
        if (event.id > before) {
          reached();
          await gate;
        }
        await slow.handle(tx, event);
      },
    });
    // As the server does on PostgreSQL (instrumentation.ts); the timer itself stays out of the way.
    const stop = startEventDispatcher(t.db, { intervalMs: 60_000, background: true });
    try {
      const step = newTicket().then(() => "the step returned");
      expect(await Promise.race([step, handling.then(() => sleep(2000)).then(() => "the step waited for the subscriber")])).toBe("the step returned");
      open();
      await vi.waitFor(async () => expect(await handledBy(name)).toEqual(await allEventIds()), { timeout: 15_000, interval: 100 });
    } finally {
      open();
      stop();
      unregister();
    }
  });

  it("one dispatcher per database: steps through two clients of it (two Next bundles) are each delivered before they return", async () => {
    const name = `clients-${uid()}`;
    const unregister = registerSubscriber(recorder(name));
    const second = createDb(databaseTarget(t.url));
    try {
      const ticket = await newTicket();
      await openTicket(second, { name: "Flo", email: `flo-${uid()}@example.com`, helpTopicId: topicId, subject: `Case ${uid()}`, message: "Hello." });
      expect(await handledBy(name)).toEqual(await allEventIds());
      await requesterSetOpen(t.db, ticket.number, ticket.token, false);
      expect(await handledBy(name)).toEqual(await allEventIds());
    } finally {
      unregister();
      await second.$disconnect();
    }
  });

  it("the real subscribers: one mail and one notification per event, also after a restart", async () => {
    const agentRow = await staff(t.db, { departments: [deptId] });
    const assignee = await staff(t.db, { departments: [deptId] });
    const agent = await actorFor(t.db, agentRow.id);
    const { id } = await newTicket();
    await assignTicket(t.db, agent, { ticketId: id, version: await version(id), assignee: `staff:${assignee.id}` });
    const count = async () => ({
      notifications: await t.db.notification.count({ where: { ticketId: id, staffId: assignee.id, type: "assigned" } }),
      alerts: await t.db.outboxMessage.count({ where: { ticketId: id, toAddress: assignee.email } }),
    });
    expect(await count()).toEqual({ notifications: 1, alerts: 2 }); // the new-ticket alert to the department, and the assignment
    // A restarted process (a new dispatcher, same database) with the same subscribers.
    await createDispatcher(t.db, [ticketMailSubscriber, notificationSubscriber], { owner: "restarted" }).run();
    expect(await count()).toEqual({ notifications: 1, alerts: 2 });
    const positions = await t.db.eventSubscriberPosition.findMany({ where: { name: { in: ["ticket-mail", "notifications"] } } });
    const last = (await allEventIds()).at(-1);
    expect(positions.map((p) => [p.name, p.lastEventId, p.failures]).sort()).toEqual([["notifications", last, 0], ["ticket-mail", last, 0]]);
  });
});
