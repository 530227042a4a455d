// Single sign-on in a real browser against a real OpenID Connect provider (oidc-provider, answering
// like Microsoft Entra ID) and a production server of its own with AUTH_ENTRA_* pointing at it.
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { startOidcProvider, TENANT_ID, type RunningProvider } from "./oidc-provider";
import { startOwnServer, type OwnServer } from "./own-server";
import { DEMO, expectNoAxeViolations, sqlRows, ANY_DATABASE } from "./support";

// Each step waits on real servers (two, for single sign-on) on a shared machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const base = Number(process.env.E2E_PORT ?? 3210);
const APP_PORT = Number(process.env.E2E_OWN_PORT ?? base + 1);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? base + 2);

let idp: RunningProvider;
let app: OwnServer;

// Whole sign-in round trips through two servers: slow on a busy machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  idp = await startOidcProvider(OIDC_PORT, `http://127.0.0.1:${APP_PORT}/api/auth/callback/entra`);
  app = await startOwnServer(APP_PORT, { AUTH_ENTRA_ISSUER: idp.issuer, AUTH_ENTRA_CLIENT_ID: idp.clientId, AUTH_ENTRA_CLIENT_SECRET: idp.clientSecret });
  idp.people.set("john", { email: DEMO.john.email, name: "John Doe (Entra)" });
  idp.people.set("stranger", { email: "stranger@elsewhere.example", name: "Sam Stranger" });
  idp.people.set("nina", { email: "nina.newbie@contoso.example", name: "Nina Newbie" });
  idp.people.set("jane-personal", { email: "jane.d@outlook.example", name: "Jane D." });
  idp.people.set("unverified", { email: DEMO.jane.email, name: "Not Jane", emailVerified: false });
});

test.afterAll(async () => {
  await app?.stop();
  await idp?.close();
});

test.use({ baseURL: `http://127.0.0.1:${APP_PORT}` });

const rows = <T>(statement: string, params: unknown[] = []) => sqlRows<T>(statement, params, app.databaseUrl);

/** Signs in at the provider's own pages: its login form (any password) and its consent page. */
async function throughProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function signInWithMicrosoft(page: Page, login: string, path = "/sign-in") {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await throughProvider(page, login);
}

async function signInWithPassword(page: Page, who: { email: string; password: string }, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test("[SSO] the sign-in page offers Microsoft beside the password", ANY_DATABASE, async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in with Microsoft" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "sign-in-with-microsoft");
});

test("[SSO] first sign-in links an existing staff account by its verified email", async ({ page }) => {
  await signInWithMicrosoft(page, "john");
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByTestId("signed-in-person")).toContainText("John Doe");
  const links = await rows<{ provider: string; issuer: string; subject: string }>(`SELECT "provider", "issuer", "subject" FROM "StaffIdentity" s JOIN "Staff" st ON st."id" = s."staffId" WHERE st."email" = $1`, [DEMO.john.email]);
  expect(links).toEqual([{ provider: "entra", issuer: TENANT_ID, subject: idp.people.get("john")!.oid }]);
  await page.goto("/agent/account");
  await expect(page.getByRole("region", { name: "Linked sign-in accounts" })).toContainText(`Linked as ${DEMO.john.email}`);
  await expect(page.getByTestId("session-row").filter({ hasText: "This browser" })).toContainText("Microsoft");
});

test("[SSO] a person with no staff account is refused, and nothing is created", async ({ page }) => {
  await signInWithMicrosoft(page, "stranger");
  await expect(page).toHaveURL(/\/sign-in\?error=SsoNoAccount/);
  await expect(page.getByRole("alert").filter({ hasText: "There is no staff account for this sign-in" })).toBeVisible();
  expect(await rows(`SELECT "id" FROM "Staff" WHERE "email" = $1`, ["stranger@elsewhere.example"])).toEqual([]);
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagent/);
});

test("[SSO] an unverified email matches nobody, even a staff member's address", async ({ page }) => {
  await signInWithMicrosoft(page, "unverified");
  await expect(page.getByRole("alert").filter({ hasText: "did not send a verified email address" })).toBeVisible();
  expect(await rows(`SELECT i."id" FROM "StaffIdentity" i JOIN "Staff" s ON s."id" = i."staffId" WHERE s."email" = $1`, [DEMO.jane.email])).toEqual([]);
});

test("[SSO] a tampered state is refused", ANY_DATABASE, async ({ page }) => {
  await page.route(`${idp.issuer}/auth?**`, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("state", "forged-state-from-another-browser");
    return route.continue({ url: url.toString() });
  });
  await signInWithMicrosoft(page, "john");
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
  await expect(page.getByRole("alert").filter({ hasText: "did not pass the security checks" })).toBeVisible();
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagent/);
});

test("[SSO] a tampered nonce is refused", ANY_DATABASE, async ({ page }) => {
  await page.route(`${idp.issuer}/auth?**`, (route) => {
    const url = new URL(route.request().url());
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    url.searchParams.set("nonce", "replayed-nonce");
    return route.continue({ url: url.toString() });
  });
  await signInWithMicrosoft(page, "john");
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthCallback/);
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagent/);
});

test("[SSO] a signed-in agent links a Microsoft account with another email from the account page", async ({ page }) => {
  await signInWithPassword(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto("/agent/account");
  await page.getByRole("button", { name: "Link Microsoft account" }).click();
  await throughProvider(page, "jane-personal");
  await expect(page).toHaveURL(/\/agent\/account\?linked=entra/);
  await expect(page.getByRole("status").filter({ hasText: "Your Microsoft account is linked" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Linked sign-in accounts" })).toContainText("jane.d@outlook.example");
  // The password session it came from was replaced by the Microsoft one.
  const sessions = await rows<{ method: string; endReason: string | null }>(`SELECT se."method", se."endReason" FROM "StaffSession" se JOIN "Staff" s ON s."id" = se."staffId" WHERE s."email" = $1 ORDER BY se."createdAt"`, [DEMO.jane.email]);
  expect(sessions).toEqual([{ method: "password", endReason: "replaced" }, { method: "entra", endReason: null }]);
  await expectNoAxeViolations(page);
  await shot(page, "account-linked");

  await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().clearCookies({ domain: "127.0.0.1" });
  await signInWithMicrosoft(page, "jane-personal");
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByTestId("signed-in-person")).toContainText("Jane Doe");
});

test("[SSO] just-in-time: an allowed domain gets an agent account with no department", async ({ page, browser }) => {
  await signInWithMicrosoft(page, "nina");
  await expect(page).toHaveURL(/\/sign-in\?error=SsoNoAccount/);

  const admin = await (await browser.newContext({ baseURL: app.url })).newPage();
  await signInWithPassword(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fsign-in");
  await expect(admin).toHaveURL(/\/admin\/sign-in$/);
  await admin.getByLabel("Email domains").fill("contoso.example");
  await admin.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Sign-in settings saved." })).toBeVisible();
  await admin.close();

  // Forget the provider's own session, so it asks who is signing in again.
  await page.context().clearCookies();
  await signInWithMicrosoft(page, "nina");
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByTestId("signed-in-person")).toContainText("Nina Newbie");
  const [nina] = await rows<{ kind: string; passwordHash: string | null; departments: number | string }>(
    `SELECT s."kind", s."passwordHash", (SELECT COUNT(*) FROM "StaffDepartment" d WHERE d."staffId" = s."id") AS "departments" FROM "Staff" s WHERE s."email" = $1`,
    ["nina.newbie@contoso.example"],
  );
  expect({ ...nina, departments: Number(nina.departments) }).toEqual({ kind: "AGENT", passwordHash: null, departments: 0 });
});

test("[SSO] required Microsoft sign-in: the password form is gone, the break-glass admin still gets in", async ({ page, browser }) => {
  const admin = await (await browser.newContext({ baseURL: app.url })).newPage();
  await signInWithPassword(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fsign-in");
  await admin.getByLabel("Staff must sign in with single sign-on").check();
  await admin.getByLabel("Break-glass administrator").selectOption({ label: `${DEMO.admin.name} <${DEMO.admin.email}>` });
  await admin.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Sign-in settings saved." })).toBeVisible();
  await expectNoAxeViolations(admin);
  await shot(admin, "admin-sign-in-settings");
  await admin.close();

  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in with Microsoft" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await shot(page, "sign-in-required-sso");
  await page.getByRole("link", { name: "Emergency administrator sign-in" }).click();
  await expect(page).toHaveURL(/password=1/);

  // Another staff member's right password opens nothing, with the same words as a wrong one.
  await signInWithPassword(page, DEMO.jane, "/sign-in?password=1");
  await expect(page.getByRole("alert").filter({ hasText: "only open to the emergency administrator account" })).toBeVisible();
  await signInWithPassword(page, { email: DEMO.admin.email, password: "wrong-password-1" }, "/sign-in?password=1");
  await expect(page.getByRole("alert").filter({ hasText: "only open to the emergency administrator account" })).toBeVisible();

  await signInWithPassword(page, DEMO.admin, "/sign-in?password=1&callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signInWithMicrosoft(page, "john");
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto("/agent/account");
  await expect(page.getByRole("region", { name: "Password" })).toContainText("Passwords are off");
});
