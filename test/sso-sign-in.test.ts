// Which staff account a single sign-on opens, against real SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkIntent } from "@/lib/auth/link-intents";
import { startSession } from "@/lib/auth/sessions";
import type { SsoIdentity } from "@/lib/auth/sso-claims";
import { resolveSsoSignIn } from "@/lib/auth/sso-sign-in";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { staff, uid } from "./factories";

const TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

function entra(overrides: Partial<SsoIdentity> = {}): SsoIdentity {
  return { provider: "entra", issuer: TENANT, subject: crypto.randomUUID(), email: null, name: "Someone", ...overrides };
}

describe.each(testDatabaseKinds())("single sign-on accounts on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("links an existing staff member by verified email on first sign-in, then finds them by object id", async () => {
    const s = await staff(t.db);
    const identity = entra({ email: s.email });
    expect(await resolveSsoSignIn(t.db, identity)).toEqual({ ok: true, staffId: s.id, created: false, linked: true, replacesSession: null });
    expect(await t.db.staffIdentity.findMany({ where: { staffId: s.id } })).toMatchObject([{ provider: "entra", issuer: TENANT, subject: identity.subject, email: s.email }]);
    // Later the directory changes the email, or sends none verified: the object id still finds them.
    expect(await resolveSsoSignIn(t.db, { ...identity, email: null })).toMatchObject({ ok: true, staffId: s.id, linked: false });
    expect(await t.db.auditLog.count({ where: { entity: "account", entityId: String(s.id), action: "link-sign-in" } })).toBe(1);
  });

  it("refuses an unknown person, and a person without a verified email", async () => {
    expect(await resolveSsoSignIn(t.db, entra({ email: `stranger-${uid()}@elsewhere.example` }))).toEqual({ ok: false, error: "SsoNoAccount", linking: false });
    const s = await staff(t.db);
    // The token named the staff member's address, but not as verified: no match.
    expect(await resolveSsoSignIn(t.db, entra({ email: null, name: s.email }))).toEqual({ ok: false, error: "SsoNoVerifiedEmail", linking: false });
    expect(await t.db.staffIdentity.count({ where: { staffId: s.id } })).toBe(0);
  });

  it("creates an agent with no department just in time, only for a listed domain", async () => {
    await saveSettings(t.db, { signInJitDomains: ["contoso.example"] });
    try {
      const email = `new.person-${uid()}@contoso.example`;
      const outcome = await resolveSsoSignIn(t.db, entra({ email, name: "New Person" }));
      expect(outcome).toMatchObject({ ok: true, created: true, linked: true });
      const created = await t.db.staff.findUniqueOrThrow({ where: { email }, include: { departments: true } });
      expect(created).toMatchObject({ name: "New Person", kind: "AGENT", active: true, passwordHash: null, departments: [] });
      expect(created.username).toMatch(/^new\.person-/);
      expect(await t.db.auditLog.count({ where: { entity: "account", entityId: String(created.id), action: "created-by-sign-in" } })).toBe(1);
      expect(await resolveSsoSignIn(t.db, entra({ email: `x-${uid()}@fabrikam.example` }))).toMatchObject({ ok: false, error: "SsoNoAccount" });
      // A sub-domain is not the listed domain.
      expect(await resolveSsoSignIn(t.db, entra({ email: `x-${uid()}@evil.contoso.example` }))).toMatchObject({ ok: false, error: "SsoNoAccount" });
    } finally {
      await saveSettings(t.db, { signInJitDomains: [] });
    }
  });

  it("keeps a deactivated account closed, by email and by link", async () => {
    const s = await staff(t.db);
    const identity = entra({ email: s.email });
    await resolveSsoSignIn(t.db, identity);
    await t.db.staff.update({ where: { id: s.id }, data: { active: false } });
    expect(await resolveSsoSignIn(t.db, identity)).toMatchObject({ ok: false, error: "SsoInactive" });
    const other = await staff(t.db);
    await t.db.staff.update({ where: { id: other.id }, data: { active: false } });
    expect(await resolveSsoSignIn(t.db, entra({ email: other.email }))).toMatchObject({ ok: false, error: "SsoInactive" });
  });

  it("refuses a second directory account with the same email once one is linked", async () => {
    const s = await staff(t.db);
    await resolveSsoSignIn(t.db, entra({ email: s.email }));
    expect(await resolveSsoSignIn(t.db, entra({ email: s.email }))).toMatchObject({ ok: false, error: "SsoLinkedElsewhere" });
  });

  it("links from the account page whatever the email, once, and only for a live session", async () => {
    const s = await staff(t.db);
    const session = await startSession(t.db, { staffId: s.id, method: "password", clientAddress: null, userAgent: null });
    const secret = await createLinkIntent(t.db, { staffId: s.id, sessionId: session.id, provider: "entra" });
    const identity = entra({ email: `personal-${uid()}@outlook.example` });
    expect(await resolveSsoSignIn(t.db, identity, { linkSecret: secret })).toEqual({ ok: true, staffId: s.id, created: false, linked: true, replacesSession: session.id });
    // Used up: the same cookie again is an ordinary sign-in (found by the new link).
    expect(await resolveSsoSignIn(t.db, identity, { linkSecret: secret })).toMatchObject({ ok: true, staffId: s.id, replacesSession: null });

    const other = await staff(t.db);
    const otherSession = await startSession(t.db, { staffId: other.id, method: "password", clientAddress: null, userAgent: null });
    const taken = await createLinkIntent(t.db, { staffId: other.id, sessionId: otherSession.id, provider: "entra" });
    expect(await resolveSsoSignIn(t.db, identity, { linkSecret: taken })).toMatchObject({ ok: false, error: "SsoTakenByOther", linking: true });

    const expired = await createLinkIntent(t.db, { staffId: other.id, sessionId: otherSession.id, provider: "entra" }, new Date(Date.now() - 11 * 60_000));
    expect(await resolveSsoSignIn(t.db, entra({ email: null }), { linkSecret: expired })).toMatchObject({ ok: false, error: "SsoNoVerifiedEmail", linking: false });

    const ended = await createLinkIntent(t.db, { staffId: other.id, sessionId: otherSession.id, provider: "entra" });
    await t.db.staffSession.update({ where: { id: otherSession.id }, data: { endedAt: new Date() } });
    expect(await resolveSsoSignIn(t.db, entra(), { linkSecret: ended })).toMatchObject({ ok: false, error: "SsoLinkExpired", linking: true });
  });

  it("links once when the same person's first sign-ins race", async () => {
    const s = await staff(t.db);
    const identity = entra({ email: s.email });
    const outcomes = await Promise.all([1, 2, 3].map(() => resolveSsoSignIn(t.db, identity)));
    for (const outcome of outcomes) expect(outcome, JSON.stringify(outcomes)).toMatchObject({ ok: true, staffId: s.id });
    expect(await t.db.staffIdentity.count({ where: { staffId: s.id } })).toBe(1);
  });

  it("keeps generic OpenID Connect accounts apart from Entra ones", async () => {
    const s = await staff(t.db);
    await resolveSsoSignIn(t.db, entra({ email: s.email }));
    const oidc: SsoIdentity = { provider: "oidc", issuer: "https://id.example/realms/staff", subject: "u-42", email: s.email, name: "x" };
    expect(await resolveSsoSignIn(t.db, oidc)).toMatchObject({ ok: true, staffId: s.id, linked: true });
    expect((await t.db.staffIdentity.findMany({ where: { staffId: s.id }, orderBy: { provider: "asc" } })).map((i) => i.provider)).toEqual(["entra", "oidc"]);
  });
});
