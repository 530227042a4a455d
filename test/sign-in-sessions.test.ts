// Server-side sessions against real SQLite and PostgreSQL: every way a session ends, ends it at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endAgentSessions } from "@/lib/config/agents/sign-in";
import { deactivateAgent, resetAgentPassword } from "@/lib/config/agents/service";
import { changePassword, endOwnSession, endOwnSessionsEverywhere } from "@/lib/auth/account";
import { verifyPassword } from "@/lib/auth/password";
import { activeSessions, checkSession, sessionIdOf, startSession, TOUCH_INTERVAL_MS } from "@/lib/auth/sessions";
import { setPasswordWithToken } from "@/lib/auth/staff-tokens";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor } from "./factories";
import { expectAppError, PASSWORD, staffWithPassword } from "./sign-in-support";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe.each(testDatabaseKinds())("server-side sessions on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  const begin = (staffId: number, now?: Date) => startSession(t.db, { staffId, method: "password", clientAddress: "203.0.113.9", userAgent: CHROME }, now);

  it("stores only the secret's hash, with where and what it came from", async () => {
    const s = await staffWithPassword(t.db);
    const { secret, id } = await begin(s.id);
    expect(id).toBe(sessionIdOf(secret));
    const row = await t.db.staffSession.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ staffId: s.id, method: "password", clientAddress: "203.0.113.9", userAgent: "Chrome 131 on Windows 10", endedAt: null });
    expect(await checkSession(t.db, secret)).toMatchObject({ state: "active", staffId: s.id, sessionId: id });
    expect(await checkSession(t.db, secret + "x")).toEqual({ state: "none" });
    expect(await checkSession(t.db, null)).toEqual({ state: "none" });
  });

  it("writes last-seen at most every few minutes and refuses an expired session", async () => {
    const s = await staffWithPassword(t.db);
    const start = new Date("2026-12-01T08:00:00Z");
    const { secret, id } = await begin(s.id, start);
    await checkSession(t.db, secret, new Date(start.getTime() + 60_000));
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(start);
    const later = new Date(start.getTime() + TOUCH_INTERVAL_MS + 1000);
    await checkSession(t.db, secret, later);
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(later);
    expect(await checkSession(t.db, secret, new Date(start.getTime() + 13 * 3_600_000))).toEqual({ state: "none" });
  });

  it("a password change ends every other session and keeps this one", async () => {
    const s = await staffWithPassword(t.db);
    const actor = await actorFor(t.db, s.id);
    const here = await begin(s.id);
    const elsewhere = await begin(s.id);
    await expectAppError(changePassword(t.db, actor, here.id, { current: "wrong password!", password: "a brand new passphrase", confirm: "a brand new passphrase" }), "INVALID", "current");
    await expectAppError(changePassword(t.db, actor, here.id, { current: PASSWORD, password: "short", confirm: "short" }), "INVALID", "password");
    expect(await changePassword(t.db, actor, here.id, { current: PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" })).toEqual({ endedSessions: 1 });
    expect((await checkSession(t.db, here.secret)).state).toBe("active");
    expect((await checkSession(t.db, elsewhere.secret)).state).toBe("none");
    expect(await t.db.staffSession.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({ endReason: "password-change" });
    const stored = await t.db.staff.findUniqueOrThrow({ where: { id: s.id } });
    expect(await verifyPassword(stored.passwordHash, "a brand new passphrase")).toBe(true);
    expect(await t.db.auditLog.count({ where: { entity: "account", entityId: String(s.id), action: "change-password" } })).toBe(1);
  });

  it("signing out one session, or everywhere, ends exactly those; another person's session is not found", async () => {
    const s = await staffWithPassword(t.db);
    const other = await staffWithPassword(t.db);
    const actor = await actorFor(t.db, s.id);
    const [a, b, c] = [await begin(s.id), await begin(s.id), await begin(s.id)];
    const theirs = await begin(other.id);
    expect(await endOwnSession(t.db, actor, a.id, { id: b.id })).toEqual({ current: false });
    expect((await checkSession(t.db, b.secret)).state).toBe("none");
    await expectAppError(endOwnSession(t.db, actor, a.id, { id: theirs.id }), "NOT_FOUND");
    expect((await checkSession(t.db, theirs.secret)).state).toBe("active");
    expect((await activeSessions(t.db, s.id)).map((x) => x.id).sort()).toEqual([a.id, c.id].sort());
    expect(await endOwnSessionsEverywhere(t.db, actor)).toEqual({ ended: 2 });
    expect((await checkSession(t.db, a.secret)).state).toBe("none");
    expect((await checkSession(t.db, c.secret)).state).toBe("none");
    expect((await checkSession(t.db, theirs.secret)).state).toBe("active");
  });

  it("an admin's end sessions, deactivation and password reset end sessions at once", async () => {
    const admin = await actorFor(t.db, (await staffWithPassword(t.db, { admin: true })).id);
    const agent = await staffWithPassword(t.db);
    const first = await begin(agent.id);
    expect(await endAgentSessions(t.db, admin, { id: agent.id })).toEqual({ ended: 1 });
    expect((await checkSession(t.db, first.secret)).state).toBe("none");
    expect(await t.db.auditLog.count({ where: { entity: "agent", entityId: String(agent.id), action: "end-sessions" } })).toBe(1);
    await expectAppError(endAgentSessions(t.db, await actorFor(t.db, agent.id), { id: admin.id }), "FORBIDDEN");

    const second = await begin(agent.id);
    const { link } = await resetAgentPassword(t.db, admin, { id: agent.id });
    expect((await checkSession(t.db, second.secret)).state).toBe("none");
    const third = await begin(agent.id);
    await setPasswordWithToken(t.db, { token: link.split("/").pop()!, password: "another long password", confirm: "another long password" });
    expect((await checkSession(t.db, third.secret)).state).toBe("none");

    const fourth = await begin(agent.id);
    await deactivateAgent(t.db, admin, { id: agent.id });
    expect((await checkSession(t.db, fourth.secret)).state).toBe("none");
    expect(await t.db.staffSession.findUniqueOrThrow({ where: { id: fourth.id } })).toMatchObject({ endReason: "deactivated" });
  });

  it("a sessionVersion bump from anywhere ends sessions too", async () => {
    const s = await staffWithPassword(t.db);
    const { secret } = await begin(s.id);
    await t.db.staff.update({ where: { id: s.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await checkSession(t.db, secret)).state).toBe("none");
  });
});
