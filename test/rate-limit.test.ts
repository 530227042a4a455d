// The public forms' limits against real databases: a window's uses are counted, the next window
// starts afresh, and uses that arrive at once are all counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { allowUse, enforceLimits } from "@/lib/server/rate-limit";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { uid } from "./factories";

describe.each(testDatabaseKinds())("rate limits on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("allows max uses in a window, refuses the next, and starts again in the next window", async () => {
    const limit = { key: `open:email:${uid()}@example.com`, max: 3, windowMs: 60_000 };
    const t0 = new Date("2026-11-27T10:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect([await allowUse(t.db, limit, t0), await allowUse(t.db, limit, at(1000)), await allowUse(t.db, limit, at(2000))]).toEqual([true, true, true]);
    expect(await allowUse(t.db, limit, at(59_000))).toBe(false);
    expect(await allowUse(t.db, limit, at(60_000))).toBe(true);
  });

  it("counts uses that arrive at once", async () => {
    const limit = { key: `status:ip:${uid()}`, max: 5, windowMs: 60_000 };
    await allowUse(t.db, limit);
    const results = await Promise.all(Array.from({ length: 8 }, () => allowUse(t.db, limit).catch(() => false)));
    expect(results.filter(Boolean).length).toBeLessThanOrEqual(4);
    expect((await t.db.rateLimit.findUniqueOrThrow({ where: { key: limit.key } })).count).toBeGreaterThanOrEqual(5);
  });

  it("refuses with RATE_LIMITED when any one limit is exceeded, and counts on every limit", async () => {
    const email = { key: `open:email:${uid()}`, max: 1, windowMs: 60_000 };
    const ip = { key: `open:ip:${uid()}`, max: 5, windowMs: 60_000 };
    await enforceLimits(t.db, [email, ip]);
    const error = await enforceLimits(t.db, [email, ip]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("RATE_LIMITED");
    expect((await t.db.rateLimit.findUniqueOrThrow({ where: { key: ip.key } })).count).toBe(2);
  });
});
