// The admin dashboard's view of the event subscribers, against real SQLite and PostgreSQL databases:
// positions and backlogs from a real dispatcher run, the stuck event with its (shortened) error, and
// the lease holder only while the lease lasts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { eventSubscribers } from "@/lib/config/dashboard/reads";
import { createDispatcher, type DurableSubscriber } from "@/lib/events/dispatcher";
import { SHOWN_ERROR_LENGTH } from "@/lib/events/status";
import { AppError } from "@/lib/server/errors";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, staff, uid } from "./factories";

describe.each(testDatabaseKinds())("event subscriber status on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  let agent: StaffActor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id], role: "All access" })).id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** Appends n events to the stream (the status reads rows, not ticket semantics) and returns their ids. */
  async function events(n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await t.db.ticketEvent.create({ data: { ticketId: 1, type: "note.added", actorKind: "system", payload: "{}" } })).id);
    return ids;
  }

  it("shows each subscriber's position, backlog, the event it is stuck on and its error, cut short", async () => {
    const healthy: DurableSubscriber = { name: `healthy-${uid()}`, handle: async () => {} };
    const failOn = new Set<number>();
    // A long message with markup: stored as text, shown cut to length (React escapes it on the page).
    const failing: DurableSubscriber = {
      name: `failing-${uid()}`,
      handle: async (_tx, event) => {
        if (failOn.has(event.id)) throw new Error(`<b>relay refused</b> ${"x".repeat(400)}`);
      },
    };
    const ids = await events(5);
    failOn.add(ids[2]);
    const dispatcher = createDispatcher(t.db, [healthy, failing], { owner: "status-test" });
    await dispatcher.run();
    await dispatcher.run(); // a second failure on the same event
    await dispatcher.stop();
    await events(2);
    const total = await t.db.ticketEvent.count();

    const rows = await eventSubscribers(t.db, admin);
    const ok = rows.find((r) => r.name === healthy.name)!;
    expect(ok).toMatchObject({ lastEventId: ids[4], backlog: 2, failures: 0, stuckOnEventId: null, lastError: null });

    const stuck = rows.find((r) => r.name === failing.name)!;
    expect(stuck.lastEventId).toBe(ids[1]);
    expect(stuck.backlog).toBe(total - (await t.db.ticketEvent.count({ where: { id: { lte: ids[1] } } })));
    expect(stuck.backlog).toBe(5);
    expect(stuck.failures).toBe(2);
    expect(stuck.stuckOnEventId).toBe(ids[2]);
    expect(stuck.lastError).toMatch(new RegExp(`^event ${ids[2]} \\(note.added\\): Error: <b>relay refused</b> x+…$`));
    expect(stuck.lastError).toHaveLength(SHOWN_ERROR_LENGTH);
    // Sorted by name, whatever order they were created in.
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort());
  });

  it("names the lease holder only while its lease lasts", async () => {
    const now = new Date();
    const [held, expired] = [`held-${uid()}`, `expired-${uid()}`];
    await t.db.eventSubscriberPosition.create({ data: { name: held, lastEventId: 0, leaseOwner: "web-1:4242:ab12", leaseUntil: new Date(now.getTime() + 30_000) } });
    await t.db.eventSubscriberPosition.create({ data: { name: expired, lastEventId: 0, leaseOwner: "web-2:99:cd34", leaseUntil: new Date(now.getTime() - 1_000) } });

    const rows = await eventSubscribers(t.db, admin, now);
    expect(rows.find((r) => r.name === held)).toMatchObject({ leaseOwner: "web-1:4242:ab12", leaseUntil: new Date(now.getTime() + 30_000) });
    expect(rows.find((r) => r.name === expired)).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });

  it("refuses anyone but an administrator", async () => {
    const error = await eventSubscribers(t.db, agent).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FORBIDDEN");
  });
});
