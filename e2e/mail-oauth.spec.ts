// Mailboxes and outgoing mail with OAuth 2.0 in a real browser against the production build: a
// local OAuth 2.0 server (Microsoft-style endpoints and sign-in page), Dovecot checking XOAUTH2
// tokens through it, and an SMTP server that accepts only XOAUTH2, all started by the test. The
// admin connects by consent, sees "Connected as …", polls; the grant is revoked at the provider, the
// error shows in plain words with Reconnect, and Reconnect brings the mailbox back.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startImapServer, type ImapTestServer } from "../test/imap-server";
import { startOAuthServer, type OAuthTestServer } from "../test/oauth-server";
import { startSmtpOAuthServer, type SmtpOAuthServer } from "../test/smtp-oauth-server";
import { DEMO, expectNoAxeViolations, signIn, sql, sqlRows } from "./support";

const uid = () => crypto.randomBytes(4).toString("hex");
const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const CLIENT = { clientId: `e2e-app-${uid()}`, clientSecret: `e2e-secret-${crypto.randomBytes(12).toString("hex")}` };

let oauth: OAuthTestServer;
let imap: ImapTestServer;
let smtp: SmtpOAuthServer;
test.beforeAll(async () => {
  oauth = await startOAuthServer();
  oauth.addClient({ ...CLIENT, redirectUris: [`${BASE}/admin/mail/oauth/callback`] });
  imap = await startImapServer({ oauthIntrospectionUrl: oauth.introspectionUrl });
  smtp = await startSmtpOAuthServer(oauth.introspectionUrl);
});
test.afterAll(async () => {
  await sql(`DELETE FROM "Setting" WHERE "key" = 'smtp'`);
  await imap?.stop();
  await smtp?.close();
  await oauth?.stop();
});

async function shoot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function fillApp(page: Page, tenant: string) {
  await page.getByLabel("Directory (tenant) ID").fill(tenant);
  await page.getByLabel("Application (client) ID").fill(CLIENT.clientId);
  await page.getByLabel("Client secret").fill(CLIENT.clientSecret);
  await page.getByText("Endpoints (sovereign clouds, testing)").click();
  await page.getByLabel("Authorization endpoint").fill(oauth.microsoft(tenant).authorizeUrl);
  await page.getByLabel("Token endpoint").fill(oauth.microsoft(tenant).tokenUrl);
}

/** At the provider's sign-in page: sign in as the account and accept. */
async function consentAtProvider(page: Page, who: { email: string; password: string }) {
  await expect(page.getByRole("heading", { name: "Sign in to your account" })).toBeVisible();
  expect(page.url().startsWith(oauth.origin)).toBe(true);
  await expect(page.getByLabel("Email")).toHaveValue(who.email); // the login hint
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Accept" }).click();
}

test("[ADMIN] connects a Microsoft 365 mailbox by consent, polls it, and reconnects it after the grant is revoked", async ({ page }) => {
  test.setTimeout(600_000);
  const mailbox = { email: `support-${uid()}@contoso.example`, password: `pw-${uid()}` };
  oauth.addUser(mailbox.email, mailbox.password);
  const name = `Microsoft inbox ${uid()}`;
  const side = await imap.connect(mailbox.email);
  await side.append("INBOX", Buffer.from(`From: Ola <ola-${uid()}@example.com>\r\nTo: ${mailbox.email}\r\nSubject: Laptop will not boot\r\nMessage-ID: <${uid()}@e2e.example>\r\n\r\nHelp.\r\n`));

  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fmail%2Fmailboxes%2Fnew");
  // Signing in hashes a password: on a busy machine that alone can take a while.
  await expect(page.getByRole("heading", { level: 1, name: "New mailbox" })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel(/^Name/).fill(name);
  // Inactive: the background poller leaves it alone, so each poll below is the test's own "Poll now".
  await page.getByLabel("Active").uncheck();
  await page.getByRole("radio", { name: "With OAuth 2.0" }).check();
  // Choosing OAuth fills in Microsoft 365's IMAP server; the test's Dovecot stands in for it.
  await expect(page.getByLabel("IMAP server")).toHaveValue("outlook.office365.com");
  await expect(page.getByText(`${BASE}/admin/mail/oauth/callback`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, "mailbox-oauth-new");
  // Missing client details are refused on their fields.
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page.getByText("Enter the application (client) ID from the app registration.")).toBeVisible();
  await page.getByLabel("IMAP server").fill("127.0.0.1");
  await page.getByLabel("Port").fill(String(imap.port));
  await page.getByLabel("TLS from the start").uncheck();
  await page.getByLabel("Mailbox address").fill(mailbox.email);
  await fillApp(page, oauth.tid);
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/mailboxes\/\d+\?created=1$/);
  await expect(page.getByText("Not connected yet.")).toBeVisible();
  // The client secret never comes back to the browser.
  expect(await page.content()).not.toContain(CLIENT.clientSecret);
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Failed/ })).toContainText("Not connected to Microsoft 365 yet");

  await page.getByRole("button", { name: "Connect with Microsoft 365" }).click();
  await consentAtProvider(page, mailbox);
  await expect(page).toHaveURL(/\/admin\/mail\/mailboxes\/\d+\?oauth=connected$/);
  await expect(page.getByText("Connected to Microsoft 365.")).toBeVisible();
  await expect(page.getByText(`Connected as ${mailbox.email}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, "mailbox-oauth-connected");
  for (const token of oauth.issued) expect(await page.content()).not.toContain(token);

  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByText(`${name}: 1 stored.`)).toBeVisible();
  const [ticket] = await sqlRows<{ subject: string }>(`SELECT subject FROM "Ticket" WHERE subject = $1`, ["Laptop will not boot"]);
  expect(ticket?.subject).toBe("Laptop will not boot");

  // The account's grant is revoked at Microsoft: the next poll says so in plain words, with Reconnect.
  oauth.revokeUser(mailbox.email);
  oauth.expireAccessTokens();
  await side.append("INBOX", Buffer.from(`From: Ola <ola-${uid()}@example.com>\r\nTo: ${mailbox.email}\r\nSubject: Still broken\r\nMessage-ID: <${uid()}@e2e.example>\r\n\r\nHelp.\r\n`));
  await page.getByRole("button", { name: "Poll now" }).click();
  const refused = "Microsoft 365 refused the saved sign-in: the grant was revoked or expired. Reconnect the mailbox.";
  await expect(page.getByRole("alert").filter({ hasText: "Reconnect needed" })).toContainText(refused);
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeVisible();
  await expect(page.getByText("Connected to Microsoft 365.")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shoot(page, "mailbox-oauth-reconnect");

  await page.goto("/admin/mail/mailboxes");
  const row = page.getByRole("table", { name: "Mailboxes" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Reconnect needed");
  await expect(row).toContainText(refused);
  await expectNoAxeViolations(page);
  await shoot(page, "mailboxes-oauth-list");
  await row.getByRole("link", { name: `Reconnect ${name}` }).click();

  await page.getByRole("button", { name: "Reconnect" }).click();
  await consentAtProvider(page, mailbox);
  await expect(page.getByText(`Connected as ${mailbox.email}`)).toBeVisible();
  await expect(page.getByText("Reconnect needed")).toHaveCount(0);
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByText(`${name}: 1 stored.`)).toBeVisible();
  await side.logout();

  // A callback that this browser did not start changes nothing.
  await page.goto(`/admin/mail/oauth/callback?code=forged&state=forged`);
  await expect(page).toHaveURL(/oauth=stale/);
  await expect(page.getByText("That sign-in did not belong to this page.")).toBeVisible();

  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(new URL(page.url()).pathname);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shoot(page, "mailbox-oauth-phone");
});

test("[ADMIN] sends outgoing mail through SMTP with OAuth 2.0", async ({ page }) => {
  test.setTimeout(240_000);
  const sender = { email: `helpdesk-${uid()}@contoso.example`, password: `pw-${uid()}` };
  oauth.addUser(sender.email, sender.password);
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fmail");
  await expect(page.getByRole("heading", { level: 1, name: "Mail settings" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("textbox", { name: "Host", exact: true }).fill("127.0.0.1");
  await page.getByRole("spinbutton", { name: "Port", exact: true }).fill(String(smtp.port));
  await page.getByRole("radio", { name: /^STARTTLS/ }).check();
  await page.getByRole("radio", { name: "With OAuth 2.0" }).check();
  await page.getByLabel("Sending address").fill(sender.email);
  await page.getByRole("button", { name: "Save mail settings" }).click();
  await expect(page.getByText("Mail settings saved.")).toBeVisible();
  await page.getByRole("link", { name: "SMTP sign-in" }).first().click();

  await expect(page.getByRole("heading", { level: 1, name: "SMTP sign-in" })).toBeVisible();
  await fillApp(page, oauth.tid);
  await page.getByRole("button", { name: "Save SMTP sign-in" }).click();
  await expect(page.getByText("SMTP sign-in saved.")).toBeVisible();
  await page.getByRole("button", { name: "Connect with Microsoft 365" }).click();
  await consentAtProvider(page, sender);
  await expect(page.getByText(`Connected as ${sender.email}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shoot(page, "smtp-oauth-connected");

  await page.getByRole("link", { name: "Mail settings" }).first().click();
  const to = `someone-${uid()}@example.com`;
  await page.getByLabel("Send to").fill(to);
  await page.getByRole("button", { name: "Send test message" }).click();
  await expect(page.getByText(`Test message sent to ${to}`)).toBeVisible();
  expect(smtp.received.find((r) => r.to.includes(to))?.user).toBe(sender.email);
});
