// Sign-in throttling by account and address together, with growing waits, and the sign-in log,
// against real databases. The clock is passed in, so waits are checked without waiting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInLogPage } from "@/lib/config/audit/sign-in-log";
import { hashPassword } from "@/lib/auth/password";
import { checkStaffCredentials } from "@/lib/auth/sign-in";
import { backoffMs, FREE_FAILURES, MAX_WAIT_MS } from "@/lib/auth/throttle";
import type { Db } from "@/lib/server/prisma";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, staff, uid } from "./factories";

const PASSWORD = "the-right-password-1";
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function account(db: Db) {
  const u = uid();
  return db.staff.create({ data: { email: `owner-${u}@example.com`, name: `Owner ${u}`, username: `owner${u}`, kind: "ADMIN", passwordHash: await hashPassword(PASSWORD) } });
}

describe("the back-off schedule", () => {
  it("waits 30 s after the first failure beyond the budget, doubling to at most 30 minutes", () => {
    expect([0, 1, 2, 3, 6, 7, 50].map(backoffMs)).toEqual([0, 30 * SECOND, MINUTE, 2 * MINUTE, 16 * MINUTE, MAX_WAIT_MS, MAX_WAIT_MS]);
  });
});

describe.each(testDatabaseKinds())("sign-in throttling on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const attempt = (email: string, password: string, clientIp: string | null, now: Date) => checkStaffCredentials(t.db, { email, password, clientIp }, now);

  it("a stranger's failures never lock the owner out of their own address", async () => {
    const owner = await account(t.db);
    expect((await attempt(owner.email, PASSWORD, "198.51.100.10", T0)).ok).toBe(true);
    // An attacker guesses for hours from another address, waiting out every back-off.
    let clock = 1000;
    for (let i = 0; i < 40; i++) {
      const r = await attempt(owner.email, `guess-${i}`, "203.0.113.66", at(clock));
      clock += r.ok === false && r.reason === "locked" ? r.until.getTime() - at(clock).getTime() : 1000;
    }
    expect(await attempt(owner.email, "whatever", "203.0.113.66", at(clock))).toMatchObject({ ok: false, reason: "locked" });
    // The owner, from the address they signed in from, is not held up at all.
    expect((await attempt(owner.email, PASSWORD, "198.51.100.10", at(clock))).ok).toBe(true);
  });

  it("waits grow for one account and address; nothing locks for good", async () => {
    const owner = await account(t.db);
    const from = "192.0.2.40";
    for (let i = 0; i < FREE_FAILURES.pair; i++) expect(await attempt(owner.email, `typo-${i}`, from, at(i * SECOND))).toEqual({ ok: false, reason: "invalid" });
    // Past the free budget each failure makes the next try wait: 30 s, then 1 minute, …
    expect(await attempt(owner.email, "typo-5", from, at(10 * SECOND))).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(owner.email, PASSWORD, from, at(20 * SECOND))).toEqual({ ok: false, reason: "locked", until: at(40 * SECOND) });
    expect(await attempt(owner.email, "typo-6", from, at(40 * SECOND))).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(owner.email, PASSWORD, from, at(90 * SECOND))).toEqual({ ok: false, reason: "locked", until: at(100 * SECOND) });
    // The right password after the wait; the account and address start afresh.
    expect((await attempt(owner.email, PASSWORD, from, at(100 * SECOND))).ok).toBe(true);
    expect(await attempt(owner.email, "typo-7", from, at(101 * SECOND))).toEqual({ ok: false, reason: "invalid" });
  });

  it("guesses at one account from many addresses hold up new addresses only, never a known one", async () => {
    const owner = await account(t.db);
    expect((await attempt(owner.email, PASSWORD, "198.51.100.20", T0)).ok).toBe(true);
    for (let i = 0; i <= FREE_FAILURES.account; i++) await attempt(owner.email, `guess-${i}`, `203.0.113.${100 + i}`, at(i * SECOND));
    expect(await attempt(owner.email, PASSWORD, "203.0.113.250", at(20 * SECOND))).toMatchObject({ ok: false, reason: "locked" });
    expect((await attempt(owner.email, PASSWORD, "198.51.100.20", at(20 * SECOND))).ok).toBe(true);
    // Unknown accounts behave the same, so the answers reveal nothing about which emails exist.
    const ghost = `nobody-${uid()}@example.com`;
    for (let i = 0; i <= FREE_FAILURES.account; i++) await attempt(ghost, `guess-${i}`, `203.0.113.${100 + i}`, at(i * SECOND));
    expect(await attempt(ghost, "x", "203.0.113.250", at(20 * SECOND))).toMatchObject({ ok: false, reason: "locked" });
  });

  it("one address trying many accounts is held up, except on the accounts it signs in to", async () => {
    const owner = await account(t.db);
    const sprayer = "203.0.113.200";
    expect((await attempt(owner.email, PASSWORD, sprayer, T0)).ok).toBe(true);
    for (let i = 0; i <= FREE_FAILURES.address; i++) await attempt(`victim-${i}-${uid()}@example.com`, "Summer2026!", sprayer, at(i * SECOND));
    const another = await account(t.db);
    expect(await attempt(another.email, PASSWORD, sprayer, at(40 * SECOND))).toMatchObject({ ok: false, reason: "locked" });
    expect((await attempt(another.email, PASSWORD, "198.51.100.77", at(40 * SECOND))).ok).toBe(true);
    expect((await attempt(owner.email, PASSWORD, sprayer, at(40 * SECOND))).ok).toBe(true);
  });

  it("a burst of parallel guesses gets no more tries than guesses one by one", async () => {
    const owner = await account(t.db);
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt(owner.email, `burst-${i}`, "203.0.113.9", T0)));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(FREE_FAILURES.pair + 1);
    expect(checked).toBeGreaterThan(0);
  });

  it("logs who was tried, from where, when and why; repeats on one row; never the password", async () => {
    const owner = await account(t.db);
    const ghost = `ghost-${uid()}@example.com`;
    const secret = `s3cret-${uid()}`;
    await attempt(owner.email, secret, "2001:db8::5", T0);
    await attempt(owner.email, secret, "2001:db8::5", at(MINUTE));
    await attempt(ghost, secret, "2001:db8::5", at(MINUTE));
    await t.db.staff.update({ where: { id: owner.id }, data: { active: false } });
    await attempt(owner.email, PASSWORD, "2001:db8::6", at(2 * MINUTE));
    await attempt(owner.email, PASSWORD, null, at(3 * MINUTE));
    const rows = await t.db.signInAttempt.findMany({ where: { email: { in: [owner.email, ghost] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => ({ email: r.email, staffId: r.staffId, address: r.address, outcome: r.outcome, attempts: r.attempts }))).toEqual([
      { email: owner.email, staffId: owner.id, address: "2001:db8::5", outcome: "wrong-password", attempts: 2 },
      { email: ghost, staffId: null, address: "2001:db8::5", outcome: "unknown-account", attempts: 1 },
      { email: owner.email, staffId: owner.id, address: "2001:db8::6", outcome: "inactive", attempts: 1 },
      { email: owner.email, staffId: owner.id, address: null, outcome: "inactive", attempts: 1 },
    ]);
    expect(rows[0]).toMatchObject({ createdAt: T0, lastAt: at(MINUTE) });
    expect(JSON.stringify(await t.db.signInAttempt.findMany())).not.toContain(secret);
    expect(JSON.stringify(await t.db.loginThrottle.findMany())).not.toContain(secret);
  });

  it("shows admins the failures by default, filtered by email or address; agents are refused", async () => {
    const admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [] })).id);
    const owner = await account(t.db);
    await attempt(owner.email, PASSWORD, "2001:db8::77", T0);
    await attempt(owner.email, "nope", "2001:db8::78", T0);
    const failed = await signInLogPage(t.db, admin, { q: owner.email });
    expect(failed.rows.map((r) => [r.address, r.outcome])).toEqual([["2001:db8::78", "wrong-password"]]);
    const all = await signInLogPage(t.db, admin, { q: owner.email, show: "all" });
    expect(all.rows.map((r) => r.outcome)).toEqual(["wrong-password", "success"]);
    // An address as typed in any spelling finds the canonical one.
    expect((await signInLogPage(t.db, admin, { q: "2001:DB8:0::78" })).rows.map((r) => r.email)).toEqual([owner.email]);
    await expect(signInLogPage(t.db, agent, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
