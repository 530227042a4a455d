// Mailboxes and outgoing mail with OAuth 2.0 against real servers on 127.0.0.1: a local OAuth 2.0
// authorization server (Microsoft- and Google-style endpoints, PKCE, rotating refresh tokens,
// client credentials, introspection), Dovecot checking XOAUTH2 bearer tokens through its oauth2
// passdb, and an SMTP server that accepts only XOAUTH2. Real SQLite and PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/auth/actor";
import { completeConsent, oauthRedirectUri, startConsent } from "@/lib/mail/admin/oauth-consent";
import { oauthGrantView, updateSmtpOAuth } from "@/lib/mail/admin/oauth";
import { createMailbox, mailboxForEdit, testMailboxConnection, updateMailbox } from "@/lib/mail/admin/mailboxes";
import { sendTestMessage } from "@/lib/mail/admin/test-message";
import { pollMailbox } from "@/lib/mail/imap/poll";
import { accessTokenFor, mailboxGrantKey } from "@/lib/mail/oauth/tokens";
import { processOutbox } from "@/lib/mail/outbox-worker";
import { saveSettings, loadSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { startImapServer, type ImapTestServer } from "./imap-server";
import { rawMail } from "./mail-fixtures";
import { startOAuthServer, type OAuthTestServer } from "./oauth-server";
import { startSmtpOAuthServer, type SmtpOAuthServer } from "./smtp-oauth-server";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
// The sealing key of this run: tokens at rest must be unreadable without it.
process.env.HELPDESK_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
process.env.APP_URL = "http://127.0.0.1:3600";
const filesDir = process.env.ATTACHMENTS_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-oauth-files-"));
process.env.ATTACHMENTS_DIR ??= filesDir!;

const CLIENT = { clientId: `app-${uid()}`, clientSecret: `secret-${crypto.randomBytes(12).toString("hex")}` };
const REVOKED_MESSAGE = "Microsoft 365 refused the saved sign-in: the grant was revoked or expired. Reconnect the mailbox.";

let oauth: OAuthTestServer;
let imap: ImapTestServer;
let smtp: SmtpOAuthServer;
beforeAll(async () => {
  oauth = await startOAuthServer();
  oauth.addClient({ ...CLIENT, redirectUris: [oauthRedirectUri()] });
  imap = await startImapServer({ oauthIntrospectionUrl: oauth.introspectionUrl });
  smtp = await startSmtpOAuthServer(oauth.introspectionUrl);
});
afterAll(async () => {
  await imap?.stop();
  await smtp?.close();
  await oauth?.stop();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe.each(testDatabaseKinds())("mail with OAuth 2.0 on %s", (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  let otherAdmin: StaffActor;
  let topicId: number;
  const sides: ImapFlow[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    topicId = (await helpTopic(t.db, dept.id)).id;
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    otherAdmin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
  });
  afterAll(async () => {
    await Promise.all(sides.map((s) => s.logout().catch(() => undefined)));
    await t?.drop();
  });

  /** A mailbox account at the provider, its OAuth mailbox row, and the server side that delivers to it. */
  async function oauthMailbox(overrides: { provider?: "microsoft" | "google"; flow?: "authorization_code" | "client_credentials"; clientId?: string; clientSecret?: string } = {}) {
    const email = `support-${uid()}@contoso.example`;
    const password = `pw-${uid()}`;
    oauth.addUser(email, password);
    const provider = overrides.provider ?? "microsoft";
    const endpoints = provider === "microsoft" ? oauth.microsoft("organizations") : oauth.google;
    const { id } = await createMailbox(t.db, admin, {
      name: `Support ${email}`, host: imap.host, port: imap.port, secure: false, username: email, folder: "INBOX", helpTopicId: topicId, active: true, password: "",
      authMethod: "oauth", oauthProvider: provider, oauthFlow: overrides.flow ?? "authorization_code", oauthTenant: overrides.flow === "client_credentials" ? oauth.tid : "",
      oauthClientId: overrides.clientId ?? CLIENT.clientId, oauthClientSecret: overrides.clientSecret ?? CLIENT.clientSecret, oauthAuthorizeUrl: endpoints.authorizeUrl, oauthTokenUrl: endpoints.tokenUrl,
    });
    const side = await imap.connect(email);
    sides.push(side);
    const row = async () => t.db.imapMailbox.findUniqueOrThrow({ where: { id } });
    const deliver = async (subject: string) => side.append("INBOX", rawMail({ from: `Ken <ken-${uid()}@example.com>`, subject, body: "Hello", messageId: `<${uid()}@client.example>` }));
    return { id, email, password, row, deliver, key: mailboxGrantKey(id) };
  }

  /** The admin's browser: Connect, sign in at the provider, come back to the callback. */
  async function connect(key: string, who: { email: string; password: string }, as = admin) {
    const { url, cookie } = await startConsent(t.db, as, { key });
    const back = await oauth.consent(url, who);
    return completeConsent(t.db, as, back, cookie);
  }

  const grant = (key: string) => t.db.mailOAuthGrant.findUniqueOrThrow({ where: { key } });

  it("connects a Microsoft 365 mailbox by consent, stores its tokens sealed, and polls it over XOAUTH2", async () => {
    const box = await oauthMailbox();
    await box.deliver("Printer on fire");
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: false, error: expect.stringMatching(/Not connected to Microsoft 365 yet/) });

    const { url } = await startConsent(t.db, admin, { key: box.key });
    const request = new URL(url);
    expect(request.origin + request.pathname).toBe(oauth.microsoft("organizations").authorizeUrl);
    expect(Object.fromEntries(request.searchParams)).toMatchObject({ response_type: "code", code_challenge_method: "S256", client_id: CLIENT.clientId, redirect_uri: "http://127.0.0.1:3600/admin/mail/oauth/callback", login_hint: box.email, prompt: "select_account" });
    expect(request.searchParams.get("scope")!.split(" ")).toEqual(expect.arrayContaining(["offline_access", "https://outlook.office.com/IMAP.AccessAsUser.All"]));

    expect(await connect(box.key, box)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=connected` });
    const g = await grant(box.key);
    expect(g).toMatchObject({ account: box.email, needsReconnect: false, lastError: null });
    // Sealed at rest: no column holds a token or the client secret as issued.
    const stored = JSON.stringify(g);
    for (const token of [...oauth.issued, CLIENT.clientSecret]) expect(stored).not.toContain(token);
    expect(g.refreshToken).toMatch(/^sb1\./);
    // The page's view tells only that they exist.
    const view = await oauthGrantView(t.db, admin, box.key);
    expect(JSON.stringify(view)).not.toMatch(/sb1\./);
    expect(view).toMatchObject({ connected: true, account: box.email, hasSecret: true });

    const before = oauth.requests.length;
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1, error: null });
    expect(oauth.requests.length).toBe(before); // the consent's access token was still fresh
    expect(await testMailboxConnection(t.db, admin, { id: box.id })).toMatchObject({ ok: true, message: expect.stringMatching(/Connected and signed in/) });
    // No audit row holds a secret or a token.
    const audit = JSON.stringify(await t.db.auditLog.findMany({ where: { entity: "imap-mailbox", entityId: String(box.id) } }));
    expect(audit).toContain("oauth-connect");
    for (const token of [...oauth.issued, CLIENT.clientSecret]) expect(audit).not.toContain(token);
  });

  it("renews an access token that is about to expire before polling, and stores the rotated refresh token", async () => {
    const box = await oauthMailbox();
    await connect(box.key, box);
    const first = await grant(box.key);
    await t.db.mailOAuthGrant.update({ where: { key: box.key }, data: { accessTokenExpiresAt: new Date(Date.now() + 60_000) } });
    oauth.expireAccessTokens();
    await box.deliver("Expired token");
    const before = oauth.requests.length;
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
    expect(oauth.requests.slice(before)).toEqual(["refresh_token"]);
    const after = await grant(box.key);
    expect(after.refreshToken).not.toBe(first.refreshToken);
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    // The old refresh token was used once: Microsoft-style rotation means the new one is what works now.
    await t.db.mailOAuthGrant.update({ where: { key: box.key }, data: { accessTokenExpiresAt: new Date(0) } });
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true });
  });

  it("renews once more when the server refuses a token the help desk still thought fresh", async () => {
    const box = await oauthMailbox();
    await connect(box.key, box);
    oauth.expireAccessTokens(); // revoked early at the provider; the stored expiry is an hour away
    await box.deliver("Token refused");
    const before = oauth.requests.length;
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
    expect(oauth.requests.slice(before)).toEqual(["refresh_token"]);
  });

  it("shows a revoked grant as the mailbox's error in plain words, stops asking, and recovers with Reconnect", async () => {
    const box = await oauthMailbox();
    await connect(box.key, box);
    oauth.revokeUser(box.email);
    await box.deliver("After revocation");
    const outcome = await pollMailbox(t.db, await box.row());
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toContain(REVOKED_MESSAGE);
    expect(outcome.error).not.toMatch(/Trace ID|Correlation ID/);
    expect((await box.row()).lastError).toContain(REVOKED_MESSAGE);
    expect(await grant(box.key)).toMatchObject({ needsReconnect: true, accessToken: null });
    const page = await mailboxForEdit(t.db, admin, box.id);
    expect(page?.oauthGrant).toMatchObject({ needsReconnect: true, lastError: expect.stringContaining(REVOKED_MESSAGE) });

    // Until someone reconnects, polls fail at once without bothering the provider.
    const before = oauth.requests.length;
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: false, error: expect.stringContaining("Reconnect the mailbox") });
    expect(oauth.requests.length).toBe(before);

    expect(await connect(box.key, box)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=connected` });
    expect(await grant(box.key)).toMatchObject({ needsReconnect: false, lastError: null });
    expect((await box.row()).lastError).toBeNull();
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
    const actions = (await t.db.auditLog.findMany({ where: { entity: "imap-mailbox", entityId: String(box.id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "oauth-connect", "oauth-reconnect"]));
  });

  it("refuses a callback that is not this admin's consent: stale state, another admin, no cookie, a cancelled sign-in", async () => {
    const box = await oauthMailbox();
    const started = await startConsent(t.db, admin, { key: box.key });
    const back = await oauth.consent(started.url, box);
    const forged = new URL(back);
    forged.searchParams.set("state", "attacker-state");
    expect(await completeConsent(t.db, admin, forged, started.cookie)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=stale` });
    expect(await completeConsent(t.db, otherAdmin, back, started.cookie)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=stale` });
    expect(await completeConsent(t.db, admin, back, undefined)).toEqual({ redirect: "/admin/mail/mailboxes?oauth=stale" });
    expect(await completeConsent(t.db, admin, back, "sb1.not.a.real.cookie")).toEqual({ redirect: "/admin/mail/mailboxes?oauth=stale" });
    expect(await grant(box.key)).toMatchObject({ refreshToken: null, account: null });

    // The code itself works only once, and only with the PKCE verifier of the cookie that started it.
    expect(await completeConsent(t.db, admin, back, started.cookie)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=connected` });
    expect(await completeConsent(t.db, admin, back, started.cookie)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=failed&reason=invalid_grant` });

    const cancelled = await startConsent(t.db, admin, { key: box.key });
    const refused = await oauth.consent(cancelled.url, box, "cancel");
    expect(await completeConsent(t.db, admin, refused, cancelled.cookie)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=failed&reason=access_denied` });
    // The earlier connection is untouched by a cancelled reconnect.
    expect(await grant(box.key)).toMatchObject({ account: box.email, needsReconnect: false });
  });

  it("connects a Gmail mailbox (Google-style endpoints, issuer and no rotation)", async () => {
    const box = await oauthMailbox({ provider: "google" });
    const { url } = await startConsent(t.db, admin, { key: box.key });
    expect(Object.fromEntries(new URL(url).searchParams)).toMatchObject({ access_type: "offline", prompt: "consent", scope: "openid email https://mail.google.com/" });
    expect(await connect(box.key, box)).toEqual({ redirect: `/admin/mail/mailboxes/${box.id}?oauth=connected` });
    const first = await grant(box.key);
    await t.db.mailOAuthGrant.update({ where: { key: box.key }, data: { accessTokenExpiresAt: new Date(0) } });
    await box.deliver("From Gmail");
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
    expect((await grant(box.key)).refreshToken).toBe(first.refreshToken); // Google keeps the refresh token
  });

  it("polls with Microsoft 365 app-only access (client credentials), and says so when the client secret is refused", async () => {
    const appId = `daemon-${uid()}`;
    const secret = `secret-${uid()}`;
    const box = await oauthMailbox({ flow: "client_credentials", clientId: appId, clientSecret: secret });
    oauth.addClient({ clientId: appId, clientSecret: secret, redirectUris: [], appMailbox: box.email });
    await expect(startConsent(t.db, admin, { key: box.key })).rejects.toThrow(/without a consent/);
    await box.deliver("Daemon");
    const before = oauth.requests.length;
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
    expect(oauth.requests.slice(before)).toEqual(["client_credentials"]);

    // The secret expired at Microsoft: a plain message and no Reconnect (a new secret fixes it).
    oauth.addClient({ clientId: appId, clientSecret: "rotated-elsewhere", redirectUris: [], appMailbox: box.email });
    oauth.expireAccessTokens();
    await box.deliver("Daemon 2");
    const failed = await pollMailbox(t.db, await box.row());
    expect(failed.error).toMatch(/^Microsoft 365 refused the app's credentials: .*Enter a new client secret/);
    expect(await grant(box.key)).toMatchObject({ needsReconnect: false });
    // Entering the new secret (blank fields keep everything else) makes the next poll work.
    const row = await box.row();
    const g = await grant(box.key);
    await updateMailbox(t.db, admin, { id: box.id, name: row.name, host: row.host, port: row.port, secure: row.secure, username: row.username, folder: row.folder, helpTopicId: topicId, active: true, password: "", authMethod: "oauth", oauthProvider: "microsoft", oauthFlow: "client_credentials", oauthTenant: g.tenant, oauthClientId: appId, oauthClientSecret: "rotated-elsewhere", oauthAuthorizeUrl: g.authorizeUrl, oauthTokenUrl: g.tokenUrl });
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
  });

  it("forgets the tokens when the app changes, keeps them for a new secret, and forgets everything when the mailbox goes back to a password", async () => {
    const box = await oauthMailbox();
    await connect(box.key, box);
    const row = await box.row();
    const g = await grant(box.key);
    const base = { id: box.id, name: row.name, host: row.host, port: row.port, secure: row.secure, username: row.username, folder: row.folder, helpTopicId: topicId, active: true, authMethod: "oauth" as const, oauthProvider: "microsoft" as const, oauthFlow: "authorization_code" as const, oauthTenant: "", oauthClientId: CLIENT.clientId, oauthAuthorizeUrl: g.authorizeUrl, oauthTokenUrl: g.tokenUrl };
    // Saved unchanged with a blank secret: still connected, secret kept.
    await updateMailbox(t.db, admin, { ...base, password: "", oauthClientSecret: "" });
    expect(await grant(box.key)).toMatchObject({ account: box.email, clientSecret: g.clientSecret, refreshToken: g.refreshToken });
    // Another app: its tokens are worthless, so they go; the page says "not connected".
    await updateMailbox(t.db, admin, { ...base, password: "", oauthClientSecret: "", oauthClientId: `other-${uid()}` });
    expect(await grant(box.key)).toMatchObject({ account: null, refreshToken: null, accessToken: null });
    expect((await oauthGrantView(t.db, admin, box.key))?.connected).toBe(false);
    // Back to a password: one must be given, and the OAuth secret and tokens are not kept.
    await expect(updateMailbox(t.db, admin, { ...base, authMethod: "password", password: "", oauthClientSecret: "" })).rejects.toMatchObject({ fieldErrors: { password: "Enter the password." } });
    await updateMailbox(t.db, admin, { ...base, authMethod: "password", password: imap.password, oauthClientSecret: "" });
    expect(await t.db.mailOAuthGrant.findUnique({ where: { key: box.key } })).toBeNull();
    await box.deliver("By password again");
    expect(await pollMailbox(t.db, await box.row())).toMatchObject({ ok: true, stored: 1 });
  });

  it("refreshes a grant once when several callers need a token at the same moment", async () => {
    const box = await oauthMailbox();
    await connect(box.key, box);
    const before = oauth.requests.length;
    const tokens = await Promise.all([1, 2, 3].map(() => accessTokenFor(t.db, box.key, { forceRefresh: true })));
    expect(new Set(tokens).size).toBe(1);
    expect(oauth.requests.slice(before)).toEqual(["refresh_token"]);
    expect(oauth.introspect(tokens[0])).toMatchObject({ active: true, username: box.email });
  });

  it("sends outgoing mail over SMTP with XOAUTH2, renews a refused token, and reports a revoked grant in plain words", async () => {
    const email = `helpdesk-${uid()}@contoso.example`;
    const password = `pw-${uid()}`;
    oauth.addUser(email, password);
    const endpoints = oauth.microsoft();
    await updateSmtpOAuth(t.db, admin, { oauthProvider: "microsoft", oauthFlow: "authorization_code", oauthTenant: oauth.tid, oauthClientId: CLIENT.clientId, oauthClientSecret: CLIENT.clientSecret, oauthAuthorizeUrl: endpoints.authorizeUrl, oauthTokenUrl: endpoints.tokenUrl });
    const settings = await loadSettings(t.db);
    await saveSettings(t.db, { smtp: { ...settings.smtp, host: "127.0.0.1", port: smtp.port, secure: false, user: email, password: "", auth: "oauth" } });
    const { url } = await startConsent(t.db, admin, { key: "smtp" });
    expect(new URL(url).searchParams.get("scope")).toContain("https://outlook.office.com/SMTP.Send");
    expect(new URL(url).searchParams.get("login_hint")).toBe(email);
    expect(await connect("smtp", { email, password })).toEqual({ redirect: "/admin/mail/smtp-oauth?oauth=connected" });

    const to = `someone-${uid()}@example.com`;
    expect(await sendTestMessage(t.db, admin, { to })).toMatchObject({ sent: true, error: null });
    expect(smtp.received.find((r) => r.to.includes(to))).toMatchObject({ user: email });

    // A token refused by the server is renewed once, inside the same send.
    oauth.expireAccessTokens();
    const refusedBefore = smtp.refusedTokens;
    const to2 = `second-${uid()}@example.com`;
    expect(await sendTestMessage(t.db, admin, { to: to2 })).toMatchObject({ sent: true });
    expect(smtp.refusedTokens).toBe(refusedBefore + 1);
    expect(smtp.received.some((r) => r.to.includes(to2))).toBe(true);

    // Revoked: the outbox keeps the message (and the auto-responses of the tickets polled above) with the plain reason.
    oauth.revokeUser(email);
    oauth.expireAccessTokens();
    const row = await t.db.outboxMessage.create({ data: { toAddress: `third-${uid()}@example.com`, subject: "Hi", textBody: "Hello", headers: "{}", nextAttemptAt: new Date(0) } });
    expect(await processOutbox(t.db, { now: new Date(), batch: 100 })).toMatchObject({ sent: 0 });
    const after = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ state: "PENDING", attempts: 1 });
    expect(after.lastError).toContain("Microsoft 365 refused the saved sign-in: the grant was revoked or expired. Reconnect outgoing mail.");
    for (const token of oauth.issued) expect(after.lastError).not.toContain(token);
    await saveSettings(t.db, { smtp: { ...settings.smtp, auth: "password" } });
  });
});
