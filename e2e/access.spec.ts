// Who may change what about a requester, and the private link that can be replaced: an agent edits
// the requester's details (twice on one page), a later public form from the same address changes
// nothing, and a requester swaps a shared link for a new one sent through the outbox.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, signOut, sqlRows } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test("[AGENT] edits the requester's details; a stranger's form with the same address changes nothing", async ({ page, browser }) => {
  // Two sign-ins' worth of steps, two edits and a second browser: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const email = `ken.${uniqueSuffix()}@example.com`;
  const ticket = await openTicketAsRequester(page, { name: "Ken Adams", email, topic: "Something is broken", subject: `Badge reader ${uniqueSuffix()}`, message: "The badge reader at door 3 is dead." });

  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto(`/agent/tickets/${encodeURIComponent(ticket.number)}`);
  const details = page.getByTestId("requester-details");
  await expect(details).toContainText("Ken Adams");
  await expect(details).toContainText(email);

  // First edit: a wrong phone number is refused on its field, and the typed name stays.
  await page.getByRole("button", { name: "Edit requester" }).click();
  const form = page.getByRole("form", { name: "Edit requester" });
  await form.getByLabel("Requester name").fill("Kenneth Adams");
  await form.getByLabel("Requester phone").fill("call me");
  await form.getByRole("button", { name: "Save requester" }).click();
  await expect(form.getByText("Use digits, spaces and + ( ) - only.")).toBeVisible();
  await expect(form.getByLabel("Requester name")).toHaveValue("Kenneth Adams");
  await expectNoAxeViolations(page);
  await shot(page, "requester-edit-error");
  await form.getByLabel("Requester phone").fill("+49 30 1234 567");
  await form.getByRole("button", { name: "Save requester" }).click();
  await expect(page.getByText("Requester details saved.")).toBeVisible();
  await expect(details).toContainText("Kenneth Adams");
  await expect(details).toContainText("+49 30 1234 567");
  await expect(page.getByRole("list", { name: "History" })).toContainText("John Doe changed the requester's details from Ken Adams to Kenneth Adams (+49 30 1234 567)");

  // Second edit on the same page: the form opens with what is stored now, and clearing the phone works.
  await page.getByRole("button", { name: "Edit requester" }).click();
  await expect(form.getByLabel("Requester name")).toHaveValue("Kenneth Adams");
  await expect(form.getByLabel("Requester phone")).toHaveValue("+49 30 1234 567");
  await form.getByLabel("Requester phone").fill("");
  await form.getByRole("button", { name: "Save requester" }).click();
  await expect(page.getByText("Requester details saved.")).toBeVisible();
  await expect(details).toContainText("Phone—");
  // Other steps still carry the current version: the priority changes without a conflict.
  await page.getByTestId("properties").getByLabel("Priority").selectOption({ label: "Sev A — critical" });
  await expect(page.getByText("Priority set to Sev A — critical.")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "requester-edited");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "requester-edited-phone");
  await page.setViewportSize({ width: 1280, height: 860 });

  // A stranger types Ken's address into the public form with another name and phone.
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    await other.goto("/open");
    await other.getByLabel("Your name").fill("Mallory");
    await other.getByLabel("Email").fill(email.toUpperCase());
    await other.getByLabel("Help topic").selectOption({ label: "Something is broken" });
    await other.getByLabel("Subject").fill("Change my details");
    await other.getByLabel("Message").fill("Please call me instead.");
    await other.getByRole("button", { name: "Open ticket" }).click();
    await expect(other.getByText(/Ticket #\S+ has been opened/)).toBeVisible();
  } finally {
    await stranger.close();
  }
  await page.reload();
  await expect(details).toContainText("Kenneth Adams");
  await expect(details).not.toContainText("Mallory");
  await signOut(page);
});

test("[REQUESTER] replaces a shared private link: the old one ends at once, the mailed one works", async ({ page }) => {
  const ticket = await openTicketAsRequester(page, { name: "Ken Adams", email: `ken.${uniqueSuffix()}@example.com`, topic: "Something is broken", subject: `Forwarded link ${uniqueSuffix()}`, message: "I forwarded my link to the whole team by mistake." });
  await page.goto(ticket.link);
  const section = page.getByRole("region", { name: "Shared this link by mistake?" });
  await section.getByRole("button", { name: "Send me a new link" }).click();
  await expect(section.getByRole("group", { name: "Replace your private link?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await section.getByRole("button", { name: "Yes, send a new link" }).click();
  await expect(section.getByText("We have emailed you a new link")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "private-link-renewed");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "private-link-renewed-phone");
  await page.setViewportSize({ width: 1280, height: 860 });

  // The old link is gone for everyone who has it.
  const old = await page.goto(ticket.link);
  expect(old?.status()).toBe(404);

  // The new one is in the outbox, addressed to the requester, and opens the ticket.
  const rows = await sqlRows<{ textBody: string }>(`SELECT "textBody" FROM "OutboxMessage" WHERE "subject" LIKE $1`, [`[#${ticket.number}] Your new link%`]);
  expect(rows).toHaveLength(1);
  const newPath = /\/t\/\S+/.exec(rows[0].textBody)![0];
  expect(new URL(newPath, ticket.link).href).not.toBe(ticket.link);
  await page.goto(newPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ticket.subject);
  await page.getByLabel("Your reply").fill("Thanks, the new link works.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Thanks, the new link works.")).toBeVisible();
});
