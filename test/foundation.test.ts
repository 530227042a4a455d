// The data layer against real databases: connection settings, demo data, staff sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStaffCredentials } from "@/lib/auth/sign-in";
import { DEMO_ACCOUNTS, ensureDemoData } from "@/lib/setup/demo-data";
import { optimizeSqlite } from "@/lib/server/sqlite-maintenance";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { uid } from "./factories";

describe.each(testDatabaseKinds())("foundation on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  // SQLite's own settings: these tests exist only for SQLite. Defined as skipped on PostgreSQL, they
  // would be skips that nobody asked for, which fail `npm test`.
  if (kind === "sqlite") {
    it("runs SQLite with WAL, synchronous=FULL, foreign keys and a busy timeout", async () => {
      const pragma = async (name: string) => Object.values((await t.db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0])[0];
      await expect(pragma("journal_mode")).resolves.toBe("wal");
      expect(Number(await pragma("synchronous"))).toBe(2);
      expect(Number(await pragma("foreign_keys"))).toBe(1);
      expect(Number(await pragma("busy_timeout"))).toBe(5000);
    });

    it("gathers SQLite's planner statistics for tables that have none", async () => {
      await t.db.rateLimit.createMany({ data: Array.from({ length: 50 }, () => ({ key: `stats:${uid()}`, count: 1, windowStart: new Date() })) });
      await t.db.$executeRawUnsafe(`DELETE FROM "sqlite_stat1" WHERE "tbl" = 'RateLimit'`).catch(() => undefined);
      await optimizeSqlite(t.db);
      const rows = await t.db.$queryRawUnsafe<{ tbl: string }[]>(`SELECT "tbl" FROM "sqlite_stat1" WHERE "tbl" = 'RateLimit'`);
      expect(rows.length).toBeGreaterThan(0);
    });
  }

  it("enforces foreign keys", async () => {
    await expect(t.db.staffDepartment.create({ data: { staffId: 999_999, departmentId: 999_999, roleId: 999_999 } })).rejects.toThrow();
  });

  it("applies the demo data idempotently", async () => {
    await ensureDemoData(t.db);
    await ensureDemoData(t.db);
    expect(await t.db.department.findMany({ orderBy: { name: "asc" }, select: { name: true } })).toEqual([{ name: "Support" }, { name: "System Administrators" }]);
    expect(await t.db.staff.count()).toBe(DEMO_ACCOUNTS.length);
    const priorities = await t.db.priority.findMany({ orderBy: { sortOrder: "asc" } });
    expect(priorities.map((p) => p.name)).toEqual(["Sev A — critical", "Sev B — high", "Sev C — normal", "Low"]);
    const john = await t.db.staff.findUniqueOrThrow({ where: { email: "john@example.com" }, include: { departments: { include: { department: true } } } });
    expect(john.departments.map((d) => d.department.name)).toEqual(["Support"]);
    expect(john.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("signs in with the right password only", async () => {
    const ok = await checkStaffCredentials(t.db, { email: "JANE@example.com ", password: "jane-demo-1", clientIp: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, staff: { email: "jane@example.com", name: "Jane Doe" } });
    expect(await checkStaffCredentials(t.db, { email: "jane@example.com", password: "wrong", clientIp: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkStaffCredentials(t.db, { email: "nobody@example.com", password: "x", clientIp: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated account", async () => {
    await t.db.staff.update({ where: { email: "john@example.com" }, data: { active: false } });
    expect(await checkStaffCredentials(t.db, { email: "john@example.com", password: "john-demo-1", clientIp: null })).toEqual({ ok: false, reason: "invalid" });
    await t.db.staff.update({ where: { email: "john@example.com" }, data: { active: true } });
  });
});
