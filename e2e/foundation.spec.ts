import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, signOut, sql, ANY_DATABASE } from "./support";

test("[PUBLIC] the support portal needs no sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "How can we help?" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("[PUBLIC] the sign-in page is accessible and explains a wrong password", ANY_DATABASE, async ({ page }) => {
  await signIn(page, { email: DEMO.john.email, password: "not-the-password" });
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNoAxeViolations(page);
});

test("[PUBLIC] a form cannot be sent before the page can handle it: no fields in the address", ANY_DATABASE, async ({ request }) => {
  // Before hydration a click would submit the form natively (a GET carrying the password).
  for (const path of ["/sign-in", "/open"]) {
    const html = await (await request.get(path)).text();
    const submits = html.match(/<button[^>]*type="submit"[^>]*>/g) ?? [];
    expect(submits.length, path).toBeGreaterThan(0);
    for (const button of submits) expect(button, path).toMatch(/\sdisabled=""/);
  }
});

test("[AGENT] John signs in to the agent dashboard and out again", async ({ page }) => {
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await expect(page.getByTestId("signed-in-person")).toContainText("John Doe");
  await expect(page.getByRole("list", { name: "Your departments" })).toContainText("Support");
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await signOut(page);
  await page.goto("/agent");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fagent/);
});

test("[AGENT] an agent is refused the admin console with a plain not found", async ({ page }) => {
  await signIn(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("[ADMIN] the admin signs in to the console and can reach the agent dashboard", async ({ page }) => {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Admin console" })).toBeVisible();
  await expect(page.getByTestId("signed-in-person")).toContainText("Administrator");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Dashboard", exact: true }).first().click();
  await expect(page).toHaveURL(/\/agent$/);
});

test("[PUBLIC] a signed-out visitor is sent to sign in and brought back", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await page.getByLabel("Email").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("[AGENT] a deactivated agent is signed out at once", async ({ page }) => {
  await signIn(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  await sql(`UPDATE "Staff" SET "active" = $1 WHERE "email" = $2`, [false, DEMO.jane.email]);
  try {
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, DEMO.jane);
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  } finally {
    await sql(`UPDATE "Staff" SET "active" = $1 WHERE "email" = $2`, [true, DEMO.jane.email]);
  }
});

test("[AGENT] the dashboard works at a phone's width", ANY_DATABASE, async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.getByText("Menu").click();
  await expect(page.getByRole("navigation", { name: "Queues (compact)" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
