import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, ANY_DATABASE } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

test("[AGENT] an agent outside the department cannot open, search or act on its tickets", async ({ page }) => {
  const ticket = await openTicketAsRequester(page, { name: "Mia Wong", email: `mia.${uniqueSuffix()}@example.com`, topic: "Account or password", subject: `Locked out ${uniqueSuffix()}`, message: "Please help." });
  await signIn(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  const response = await page.goto(`/agent/tickets/${ticket.number}`);
  expect(response?.status()).toBe(404);
  await page.goto(`/agent/tickets?queue=all&q=${ticket.number}`);
  await expect(page.getByTestId("queue-empty")).toContainText("No tickets match these filters");
  const attachment = await page.request.get("/agent/attachments/1");
  expect([404, 410]).toContain(attachment.status());
});

test("[AGENT] a reply written before a conflicting change is refused with what changed, and the typed text is kept", async ({ browser }) => {
  const ken = await (await browser.newContext()).newPage();
  const ticket = await openTicketAsRequester(ken, { name: "Raj Patel", email: `raj.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Invoice question ${uniqueSuffix()}`, message: "Which address is on the invoice?" });
  await ken.close();

  const john = await (await browser.newContext()).newPage();
  await signIn(john, DEMO.john);
  await expect(john).toHaveURL(/\/agent$/);
  await john.goto(`/agent/tickets/${ticket.number}`);
  await john.getByLabel("Your reply").fill("Hello Raj, the invoice goes to your billing address.");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fagent");
  await expect(admin).toHaveURL(/\/agent$/);
  await admin.goto(`/agent/tickets/${ticket.number}`);
  await admin.getByTestId("properties").getByLabel("Status").selectOption({ label: "Pending" });
  await expect(admin.getByText("Status set to Pending.")).toBeVisible();

  await john.getByRole("button", { name: /Send reply to Raj Patel/ }).click();
  const alert = john.getByRole("alert").filter({ hasText: "changed this ticket after you opened it" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Ada Admin changed status from Open to Pending");
  await expect(john.getByLabel("Your reply")).toHaveValue("Hello Raj, the invoice goes to your billing address.");
  await expectNoAxeViolations(john);

  await john.getByRole("button", { name: "Load the latest version (keeps your text)" }).first().click();
  await expect(john.getByTestId("ticket-badges")).toContainText("Pending");
  await expect(john.getByLabel("Your reply")).toHaveValue("Hello Raj, the invoice goes to your billing address.");
  await john.getByRole("button", { name: /Send reply to Raj Patel/ }).click();
  await expect(john.getByText("Reply sent to Raj Patel.")).toBeVisible();
  await expect(john.locator('[data-entry-kind="reply"]')).toContainText("billing address");
});

test("[AGENT] the queue and the workspace work at a phone's width", ANY_DATABASE, async ({ page }) => {
  const ticket = await openTicketAsRequester(page, { name: "Lu Chen", email: `lu.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Phone check ${uniqueSuffix()}`, message: "Hi" });
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto("/agent/tickets");
  await expect(page.getByRole("row").filter({ hasText: ticket.subject })).toBeVisible();
  for (const path of ["/agent/tickets", `/agent/tickets/${ticket.number}`]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }
});
