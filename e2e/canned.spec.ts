import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, sql, sqlRows } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

const ROLE_OF_JOHN = `UPDATE "StaffDepartment" SET "roleId" = (SELECT "id" FROM "Role" WHERE "name" = $1) WHERE "staffId" = (SELECT "id" FROM "Staff" WHERE "email" = $2)`;

test("[AGENT] manages canned responses", async ({ page, browser }) => {
  const ticket = await openTicketAsRequester(page, { name: "Lena Fischer", email: `lena.${uniqueSuffix()}@example.com`, topic: "Account or password", subject: `Password reset ${uniqueSuffix()}`, message: "I forgot my password." });
  const title = `Reset steps ${uniqueSuffix()}`;

  // John's demo role (Expanded access) grants canned.manage in Support: the link is in his navigation.
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.getByRole("link", { name: "Canned responses" }).click();
  await expect(page).toHaveURL(/\/agent\/canned$/);
  await expect(page.getByRole("heading", { name: "Canned responses", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "New canned response" }).click();
  // Only his own department: responses shared by all departments are for administrators.
  const department = page.getByRole("combobox", { name: "Department" });
  await expect(department.locator("option")).toHaveText(["Support"]);
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("textbox", { name: "Response" }).fill("Hi {{requester.name}}, about #{{ticket.number}}: use the reset link.");
  await page.getByRole("button", { name: "Create canned response" }).click();
  await expect(page).toHaveURL(/\/agent\/canned$/);
  await page.getByRole("link", { name: title }).click();

  await page.getByRole("textbox", { name: "Response" }).fill("Hello {{requester.name}}, about #{{ticket.number}}: use the reset link below.");
  await page.getByRole("button", { name: "Save canned response" }).click();
  await expect(page.getByText("Canned response saved.")).toBeVisible();
  // A second save from the same page saves against the version the first returned.
  await page.getByRole("textbox", { name: "Response" }).fill("Hello {{requester.name}}: use the reset link below.");
  await page.getByRole("button", { name: "Save canned response" }).click();
  const body = () => sqlRows<{ body: string }>(`SELECT "body" FROM "CannedResponse" WHERE "title" = $1`, [title]).then((rows) => rows[0]?.body);
  await expect.poll(body).toBe("Hello {{requester.name}}: use the reset link below.");
  await expect(page.getByText("This response changed while you were editing it")).toHaveCount(0);

  // An administrator saves the response while John's page is open: John's next save is refused, not
  // silently undoing it, and goes through once he has loaded the latest version.
  const editUrl = page.url();
  const other = await browser.newContext();
  try {
    const admin = await other.newPage();
    await signIn(admin, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(new URL(editUrl).pathname.replace("/agent/", "/admin/"))}`);
    await expect(admin.getByRole("textbox", { name: "Response" })).toHaveValue("Hello {{requester.name}}: use the reset link below.");
    await admin.waitForLoadState("networkidle");
    await admin.getByRole("textbox", { name: "Response" }).fill("Hello {{requester.name}}, about #{{ticket.number}}: the admin's wording.");
    await admin.getByRole("button", { name: "Save canned response" }).click();
    await expect.poll(body).toBe("Hello {{requester.name}}, about #{{ticket.number}}: the admin's wording.");
  } finally {
    await other.close();
  }
  await page.getByRole("textbox", { name: "Response" }).fill("Hello {{requester.name}}, about #{{ticket.number}}: use the reset link below.");
  await page.getByRole("button", { name: "Save canned response" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This response changed while you were editing it" })).toBeVisible();
  await page.getByRole("button", { name: /Load the latest version/ }).click();
  await expect(page.getByText("The latest version is loaded and your text is kept.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Response" })).toHaveValue("Hello {{requester.name}}, about #{{ticket.number}}: use the reset link below.");
  await page.getByRole("button", { name: "Save canned response" }).click();
  await expect.poll(body).toBe("Hello {{requester.name}}, about #{{ticket.number}}: use the reset link below.");
  await expect(page.getByText("Canned response saved.")).toBeVisible();

  // The composer offers it on a Support ticket, placeholders filled.
  await page.goto(`/agent/tickets/${ticket.number}`);
  await page.getByRole("combobox", { name: "Canned response" }).selectOption({ label: title });
  await page.getByRole("button", { name: "Insert response" }).click();
  await expect(page.getByLabel("Your reply")).toHaveValue(`Hello Lena Fischer, about #${ticket.number}: use the reset link below.`);

  await page.goto("/agent/canned");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Delete canned response" }).click();
  await page.getByRole("button", { name: "Yes, delete canned response" }).click();
  await expect(page).toHaveURL(/\/agent\/canned$/);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);

  // Without canned.manage the link is gone and the page does not exist.
  await sql(ROLE_OF_JOHN, ["Limited access", DEMO.john.email]);
  try {
    await page.goto("/agent");
    await expect(page.getByRole("link", { name: "Dashboard" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Canned responses" })).toHaveCount(0);
    expect((await page.goto("/agent/canned/new"))?.status()).toBe(404);
  } finally {
    await sql(ROLE_OF_JOHN, ["Expanded access", DEMO.john.email]);
  }
});
