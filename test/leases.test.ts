// The database lease that keeps a job (mail poller, outbox sender, start-up steps) in one server
// process at a time, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLease, keepLease, liveLeases, releaseLease, runExclusively } from "@/lib/server/lease";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";

describe.each(testDatabaseKinds())("leases on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("gives a free lease to the first asker, refuses others until it expires, then lets one take over", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(await acquireLease(t.db, "job", "a", 30_000, now)).toBe(true);
    expect(await acquireLease(t.db, "job", "b", 30_000, new Date(now.getTime() + 10_000))).toBe(false);
    // The holder renews: its claim moves on.
    expect(await acquireLease(t.db, "job", "a", 30_000, new Date(now.getTime() + 20_000))).toBe(true);
    expect(await acquireLease(t.db, "job", "b", 30_000, new Date(now.getTime() + 40_000))).toBe(false);
    // Expired: b takes it, and a, coming back late, no longer has it.
    expect(await acquireLease(t.db, "job", "b", 30_000, new Date(now.getTime() + 50_000))).toBe(true);
    expect(await acquireLease(t.db, "job", "a", 30_000, new Date(now.getTime() + 51_000))).toBe(false);
    expect((await t.db.lease.findUnique({ where: { name: "job" } }))?.holder).toBe("b");
  });

  it("lets only one of many simultaneous askers win a free lease", async () => {
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease(t.db, "race", `p${i}`, 30_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("releases only the holder's own lease", async () => {
    await acquireLease(t.db, "own", "a", 30_000);
    await releaseLease(t.db, "own", "b");
    expect((await liveLeases(t.db)).map((l) => l.name)).toContain("own");
    await releaseLease(t.db, "own", "a");
    expect((await liveLeases(t.db)).map((l) => l.name)).not.toContain("own");
  });

  it("keeps a lease by renewing it, and hands it to a waiting keeper when stopped", async () => {
    // Renewed every third of its life: 3 s leaves room for a renewal delayed by a loaded machine
    // (with 0.6 s the browser suites beside this test made one late and the lease lapsed).
    const first = keepLease(t.db, "kept", { ttlMs: 3000, holder: "first" });
    await first.refresh();
    expect(first.held()).toBe(true);
    const second = keepLease(t.db, "kept", { ttlMs: 3000, holder: "second" });
    // Longer than the lease's life: only renewals keep it with the first keeper.
    await new Promise((r) => setTimeout(r, 4500));
    expect(first.held()).toBe(true);
    expect(second.held()).toBe(false);
    await first.stop();
    expect(await second.refresh()).toBe(true);
    expect(second.held()).toBe(true);
    await second.stop();
  });

  it("runs a start-up job in one process only", async () => {
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 200));
    const results = await Promise.all([runExclusively(t.db, "steps", slow), runExclusively(t.db, "steps", slow)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    // Released afterwards: the next start runs it again.
    expect((await runExclusively(t.db, "steps", slow)).ran).toBe(true);
  });
});
