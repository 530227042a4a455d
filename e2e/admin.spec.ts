import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, ANY_DATABASE } from "./support";

const ADMIN_PAGES = [
  "/admin",
  "/admin/departments",
  "/admin/departments/new",
  "/admin/agents",
  "/admin/agents/new",
  "/admin/roles",
  "/admin/roles/new",
  "/admin/help-topics",
  "/admin/help-topics/new",
  "/admin/priorities",
  "/admin/priorities/new",
  "/admin/sla",
  "/admin/sla/new",
  "/admin/teams",
  "/admin/teams/new",
  "/admin/settings",
  "/admin/audit",
  "/admin/api-keys",
  "/admin/canned",
  "/admin/canned/new",
];

async function signInAdmin(page: Page) {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
}

test("[ADMIN] sets up a department, invites an agent, adds a help topic", async ({ page, browser }) => {
  // Names of their own, so a retry after a slow first attempt does not meet what that attempt made.
  const u = Date.now().toString(36).slice(-5);
  const dept = `Billing ${u}`;
  await signInAdmin(page);

  // A department.
  await page.getByRole("navigation", { name: "Admin navigation" }).getByRole("link", { name: "Departments" }).click();
  await expect(page.getByRole("heading", { name: "Departments" })).toBeVisible();
  await page.getByRole("link", { name: "New department" }).click();
  await expect(page).toHaveURL(/\/admin\/departments\/new$/);
  await page.getByLabel("Name").fill(dept);
  await page.getByLabel("Description").fill("Invoices, refunds and payment questions.");
  await page.getByRole("button", { name: "Create department" }).click();
  await expect(page).toHaveURL(/\/admin\/departments\/\d+\?created=1$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: dept })).toBeVisible();
  await expect(page.getByText("Department created.")).toBeVisible();
  await expectNoAxeViolations(page);

  // A duplicate name is refused on the field.
  await page.goto("/admin/departments/new");
  await page.getByLabel("Name").fill(dept);
  await page.getByRole("button", { name: "Create department" }).click();
  await expect(page.getByText("A department with this name already exists. Choose another name.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  // A help topic routed to it.
  await page.goto("/admin/help-topics/new");
  await page.getByLabel("Name").fill(`Invoices ${u}`);
  await page.getByLabel("Department").selectOption({ label: dept });
  await page.getByLabel("Priority").selectOption({ label: "Sev B — high" });
  await page.getByRole("button", { name: "Create help topic" }).click();
  await expect(page).toHaveURL(/\/admin\/help-topics\?created=1$/);
  await expect(page.getByRole("row").filter({ hasText: `Invoices ${u}` })).toContainText(dept);

  // The new topic is offered on the public form at once, and a request through it lands in Billing.
  const requester = await browser.newContext();
  try {
    const ken = await requester.newPage();
    await ken.goto("/open");
    await expect(ken.getByLabel("Help topic").locator("option", { hasText: `Invoices ${u}` })).toHaveCount(1);
  } finally {
    await requester.close();
  }

  // An agent invited into it with a role.
  await page.goto("/admin/agents/new");
  await page.getByLabel("Full name").fill(`Mark Biller ${u}`);
  await page.getByLabel("Email").fill(`mark-${u}@example.com`);
  await page.getByLabel("Username").fill(`mark${u}`);
  await page.getByRole("button", { name: "Add department" }).click();
  await page.getByLabel("Department", { exact: true }).selectOption({ label: dept });
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Expanded access" });
  await page.getByRole("button", { name: "Invite agent" }).click();
  const link = (await page.getByTestId("shown-once").textContent())!.trim();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);

  // The invitee, in a browser of their own, sets a password and signs in.
  const invitee = await browser.newContext();
  const mark = await invitee.newPage();
  try {
    await mark.goto(link);
    await expect(mark.getByRole("heading", { name: "Welcome to the help desk" })).toBeVisible();
    await expectNoAxeViolations(mark);
    await mark.getByLabel("New password").fill("short");
    await mark.getByLabel("Repeat the password").fill("short");
    await mark.getByRole("button", { name: "Set password" }).click();
    await expect(mark.getByText("Use at least 10 characters.")).toBeVisible();
    await mark.getByLabel("New password").fill("billing-is-fun-42");
    await mark.getByLabel("Repeat the password").fill("billing-is-fun-42");
    await mark.getByRole("button", { name: "Set password" }).click();
    await expect(mark.getByText("Your password is set.")).toBeVisible();
    await mark.getByRole("link", { name: "Go to sign-in" }).click();
    await signIn(mark, { email: `mark-${u}@example.com`, password: "billing-is-fun-42" });
    await expect(mark).toHaveURL(/\/agent$/);
    await expect(mark.getByRole("list", { name: "Your departments" })).toContainText(dept);
    await expect(mark.getByRole("list", { name: "Your departments" })).toContainText("Expanded access");

    // The link worked once.
    await mark.goto(link);
    await expect(mark.getByText("This link has already been used.")).toBeVisible();
  } finally {
    await invitee.close();
  }

  // Two administrators on Mark's page: the one who saves second, on the page opened before the
  // first's save, is refused instead of silently giving Mark his old role back.
  await page.goto(`/admin/agents?q=${encodeURIComponent(`mark-${u}`)}`);
  await page.getByRole("link", { name: `Mark Biller ${u}` }).click();
  await expect(page).toHaveURL(/\/admin\/agents\/\d+$/);
  const otherAdmin = await browser.newContext();
  try {
    const second = await otherAdmin.newPage();
    await signIn(second, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(new URL(page.url()).pathname)}`);
    await expect(second.getByLabel("Full name")).toHaveValue(`Mark Biller ${u}`);
    await second.waitForLoadState("networkidle");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Limited access" });
    await page.getByRole("button", { name: "Save agent" }).click();
    await expect(page.getByText("Agent saved.")).toBeVisible();
    await second.getByLabel("Full name").fill(`Mark B. ${u}`);
    await second.getByRole("button", { name: "Save agent" }).click();
    const conflict = second.getByRole("alert").filter({ hasText: "This agent changed while you were editing" });
    await expect(conflict).toContainText("saved by Ada Admin");
    await expect(conflict).toContainText(`access: ${dept}: Expanded access → ${dept}: Limited access`);
    await expect(second.getByLabel("Full name")).toHaveValue(`Mark B. ${u}`);
  } finally {
    await otherAdmin.close();
  }
  await page.reload();
  await expect(page.getByLabel("Full name")).toHaveValue(`Mark Biller ${u}`);
  await expect(page.getByLabel("Role", { exact: true }).locator("option:checked")).toHaveText("Limited access");

  // Another admin gives the role back; then a button elsewhere on this page refreshes it. The form
  // still shows what it was drawn with, so its next save is refused rather than saving that as current.
  const thirdAdmin = await browser.newContext();
  try {
    const third = await thirdAdmin.newPage();
    await signIn(third, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(new URL(page.url()).pathname)}`);
    await expect(third.getByLabel("Full name")).toHaveValue(`Mark Biller ${u}`);
    await third.waitForLoadState("networkidle");
    await third.getByLabel("Role", { exact: true }).selectOption({ label: "Expanded access" });
    await third.getByRole("button", { name: "Save agent" }).click();
    await expect(third.getByText("Agent saved.")).toBeVisible();
  } finally {
    await thirdAdmin.close();
  }
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Make administrator" }).click();
  await page.getByRole("button", { name: "Yes, make administrator" }).click();
  await expect(page.getByRole("button", { name: "Remove administrator rights" })).toBeVisible();
  await page.getByLabel("Full name").fill(`Mark B. ${u}`);
  await page.getByRole("button", { name: "Save agent" }).click();
  // (The refusal lists the record's last change, here the administrator rights just given.)
  await expect(page.getByRole("alert").filter({ hasText: "This agent changed while you were editing" })).toContainText("saved by Ada Admin");
  await page.getByRole("button", { name: /Load the latest version/ }).click();
  await expect(page.getByText("The latest version is loaded and your text is kept.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Full name")).toHaveValue(`Mark Biller ${u}`);
  await expect(page.getByLabel("Role", { exact: true }).locator("option:checked")).toHaveText("Expanded access");

  // Every change is in the audit log.
  await page.goto("/admin/audit");
  const log = page.getByRole("list", { name: "Changes, newest first" });
  await expect(log).toContainText(`Ada Admin invite agent Mark Biller ${u}`);
  await expect(log).toContainText(`Ada Admin create help topic Invoices ${u}`);
  await expect(log).toContainText(`Ada Admin create department ${dept}`);
});

test("[ADMIN] every admin page is accessible and fits a phone", ANY_DATABASE, async ({ page }) => {
  test.setTimeout(300_000); // axe on twenty pages, on a shared two-core machine
  await signInAdmin(page);
  for (const path of ADMIN_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of ["/admin/departments", "/admin/agents/new", "/admin/audit", "/admin/settings", "/admin/api-keys"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("[AGENT] is refused the admin console and admin actions", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  // Capture a real admin action request (without letting it through) from an admin's browser.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  let captured: { headers: Record<string, string>; body: string } | null = null;
  try {
    await signInAdmin(admin);
    await admin.goto("/admin/departments/new");
    await admin.route("**/admin/departments/new", async (route) => {
      const request = route.request();
      if (request.method() === "POST" && request.headers()["next-action"]) {
        captured = { headers: request.headers(), body: request.postData() ?? "" };
        await route.abort();
      } else await route.continue();
    });
    await admin.getByLabel("Name").fill("Sneaky department");
    await admin.getByRole("button", { name: "Create department" }).click();
    await expect.poll(() => captured).not.toBeNull();
  } finally {
    await adminContext.close();
  }

  await signIn(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }

  // The same action posted with the agent's session: refused, and nothing is created.
  const { headers, body } = captured!;
  const response = await page.request.post(`${baseURL}/admin/departments/new`, {
    headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component", origin: baseURL! },
    data: body,
  });
  const text = await response.text();
  expect(text).toContain("FORBIDDEN");
  expect(text).toContain("Only administrators can do that.");

  await page.goto("/agent");
  await expect(page.getByRole("navigation", { name: "Queues" })).not.toContainText("Sneaky department");
});
