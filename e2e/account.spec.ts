// The account page and sessions that really end, against the shared production server. Each test
// makes its own staff member, so the demo accounts the other specs use never change.
import { hash } from "@node-rs/argon2";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { DEMO, expectNoAxeViolations, signIn, sql, sqlRows } from "./support";
import { uniqueSuffix } from "./tickets";

// Each step waits on real servers (two, for single sign-on) on a shared machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const PASSWORD = "e2e-long-password-1";

// Several browsers and sign-ins per test: slow on a busy machine.
test.describe.configure({ timeout: 240_000 });

async function newStaff(kind: "AGENT" | "ADMIN" = "AGENT") {
  const u = uniqueSuffix();
  const who = { name: `Sam ${u}`, email: `sam-${u}@example.com`, password: PASSWORD };
  const now = new Date().toISOString();
  await sql(
    `INSERT INTO "Staff" ("email", "name", "username", "passwordHash", "kind", "active", "sessionVersion", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [who.email, who.name, `sam${u}`, await hash(PASSWORD, { algorithm: 2 }), kind, true, 0, now, now],
  );
  const [{ id }] = await sqlRows<{ id: number }>(`SELECT "id" FROM "Staff" WHERE "email" = $1`, [who.email]);
  return { ...who, id: Number(id) };
}

/** A browser of its own (a new context, as axe needs), at the shared server. */
async function newBrowserPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
}

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await newBrowserPage(browser);
  await signIn(page, who);
  await expect(page).toHaveURL(/\/agent$/);
  return page;
}

/** The session cookie as a plain HTTP client would replay it. */
async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** What a copied cookie gets from the server: 200 for a live session, a redirect to sign-in otherwise. */
async function replay(page: Page, cookie: string, path = "/agent") {
  const response = await fetch(new URL(path, page.url()), { headers: { cookie }, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test("[AGENT] a copied session cookie stops working the moment its owner signs out", async ({ browser }) => {
  const page = await signedIn(browser, DEMO.john);
  const cookie = await cookieHeader(page);
  expect((await replay(page, cookie)).status).toBe(200);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const after = await replay(page, cookie);
  expect(after.status).toBe(307);
  expect(after.location).toContain("/sign-in");
  // Nor does it open an action or the session endpoint's identity.
  const session = await fetch(new URL("/api/auth/session", page.url()), { headers: { cookie } }).then((r) => r.json());
  expect(JSON.stringify(session)).not.toContain(DEMO.john.email);
  await page.close();
});

test("[AGENT] the account page lists sessions; signing one out ends it for its browser", async ({ browser }) => {
  const sam = await newStaff();
  const laptop = await signedIn(browser, sam);
  const phone = await signedIn(browser, sam);
  const phoneCookie = await cookieHeader(phone);
  await laptop.goto("/agent/account");
  await expect(laptop.getByRole("heading", { name: "Your account" })).toBeVisible();
  const rows = laptop.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
  await expectNoAxeViolations(laptop);
  await shot(laptop, "account-page");
  await rows.filter({ hasNotText: "This browser" }).getByRole("button", { name: "Sign out this session" }).click();
  await expect(rows).toHaveCount(1);
  expect((await replay(laptop, phoneCookie)).status).toBe(307);
  await phone.reload();
  await expect(phone).toHaveURL(/\/sign-in/);
  await laptop.setViewportSize({ width: 390, height: 844 });
  await shot(laptop, "account-page-phone");
  await laptop.close();
  await phone.close();
});

test("[AGENT] a password change signs out every other browser, not this one", async ({ browser }) => {
  const sam = await newStaff();
  const here = await signedIn(browser, sam);
  const there = await signedIn(browser, sam);
  const thereCookie = await cookieHeader(there);
  await here.goto("/agent/account");
  const form = here.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password", { exact: true }).fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill("a-new-long-password-2");
  await form.getByLabel("Repeat the new password").fill("a-new-long-password-2");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();
  await form.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
  expect((await replay(there, thereCookie)).status).toBe(307);
  await here.goto("/agent");
  await expect(here).toHaveURL(/\/agent$/);
  await here.close();
  await there.close();
});

test("[ADMIN] ending an agent's sessions and deactivating them sign them out at once", async ({ browser }) => {
  const sam = await newStaff();
  const agent = await signedIn(browser, sam);
  const cookie = await cookieHeader(agent);
  const admin = await newBrowserPage(browser);
  await signIn(admin, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(`/admin/agents/${sam.id}`)}`);
  await expect(admin).toHaveURL(new RegExp(`/admin/agents/${sam.id}$`));
  await expect(admin.getByTestId("agent-session-count")).toContainText("1 browser");
  await admin.getByRole("button", { name: "End all sessions" }).click();
  await admin.getByRole("button", { name: "Yes, end all sessions" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Sessions ended." })).toBeVisible();
  expect((await replay(agent, cookie)).status).toBe(307);

  await signIn(agent, sam);
  await expect(agent).toHaveURL(/\/agent$/);
  const second = await cookieHeader(agent);
  await admin.reload();
  await admin.getByRole("button", { name: "Deactivate agent" }).click();
  await admin.getByRole("button", { name: "Yes, deactivate agent" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Agent deactivated." })).toBeVisible();
  expect((await replay(agent, second)).status).toBe(307);
  await agent.close();
  await admin.close();
});

test("[AGENT] two-factor: set up, sign in with a code, a reused code is refused, a recovery code works, an admin resets it", async ({ browser }) => {
  const sam = await newStaff();
  const page = await signedIn(browser, sam);
  await page.goto("/agent/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  const totp = new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 });
  await shot(page, "two-factor-setup");
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByText("That code does not match.").first()).toBeVisible();
  await page.getByLabel("Code from the app").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  // allTextContents() does not wait: on a busy machine it read the list before the action answered.
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await shot(page, "two-factor-recovery-codes");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("10 of 10 recovery codes left");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Password first; then the code step, and nothing opens before it.
  await signIn(page, sam);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  const pending = await cookieHeader(page);
  expect((await replay(page, pending)).location).toContain("/sign-in/two-factor");
  await expectNoAxeViolations(page);
  await shot(page, "two-factor-sign-in");
  // The next step's code: the enrolment used this one.
  const code = totp.generate({ timestamp: Date.now() + 30_000 });
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/agent$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, sam);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code was already used.").first()).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(codes[0].toLowerCase());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto("/agent/account");
  await expect(page.getByTestId("two-factor-status")).toContainText("9 of 10 recovery codes left");

  const admin = await newBrowserPage(browser);
  await signIn(admin, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(`/admin/agents/${sam.id}`)}`);
  await expect(admin).toHaveURL(new RegExp(`/admin/agents/${sam.id}$`));
  await expect(admin.getByTestId("agent-two-factor")).toContainText("On, 9 recovery codes left");
  await admin.getByRole("button", { name: "Reset two-factor" }).click();
  await admin.getByRole("button", { name: "Yes, reset two-factor" }).click();
  await expect(admin.getByTestId("agent-two-factor")).toHaveText("Off");
  const audit = await sqlRows(`SELECT "id" FROM "AuditLog" WHERE "entity" = 'agent' AND "entityId" = $1 AND "action" = 'reset-two-factor'`, [String(sam.id)]);
  expect(audit).toHaveLength(1);
  await admin.close();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, sam);
  await expect(page).toHaveURL(/\/agent$/);
  await page.close();
});
