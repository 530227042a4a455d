// The product's main end-to-end test, as DEVELOPERS.md tells it.
import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, signOut } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

test("[WORKFLOW] Ken's request goes from the public page to John, Jane and back, resolved", async ({ page }) => {
  // Ken submits a request on the public page.
  const ticket = await openTicketAsRequester(page, {
    name: "Ken Adams",
    email: `ken.${uniqueSuffix()}@example.com`,
    topic: "Something is broken",
    subject: `Mail server unreachable ${uniqueSuffix()}`,
    message: "Since 9:00 nobody in the Berlin office can send mail.",
  });

  // John (Support) signs in, marks it Sev A, transfers it to System Administrators, leaves a note.
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto(`/agent/tickets?queue=open&q=${ticket.number}`);
  await page.getByRole("link", { name: new RegExp(ticket.subject) }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ticket.subject);
  await expectNoAxeViolations(page);

  await page.getByLabel("Set priority").selectOption({ label: "Sev A — critical" });
  await page.getByRole("button", { name: "Update priority" }).click();
  await expect(page.getByText("Priority updated.")).toBeVisible();
  await expect(page.getByTestId("ticket-badges")).toContainText("Sev A — critical");

  await page.getByLabel("To department").selectOption({ label: "System Administrators" });
  await page.getByLabel("Reason").fill("Mail server is theirs");
  await page.getByRole("button", { name: "Transfer ticket" }).click();
  await expect(page.getByText("Ticket transferred.")).toBeVisible();
  await expect(page.getByRole("list", { name: "History" })).toContainText("John Doe transferred the ticket from Support to System Administrators");

  // Out of his department now, John still follows the ticket and may leave an internal note.
  await page.getByRole("tab", { name: "Internal note" }).click();
  await page.getByLabel("Note for staff").fill("Ken says the whole Berlin office is affected.");
  await page.getByRole("button", { name: "Add internal note (staff only)" }).click();
  await expect(page.getByText("Internal note added.")).toBeVisible();
  await expect(page.locator('[data-entry-kind="note"]')).toContainText("whole Berlin office");
  await signOut(page);

  // Jane (System Administrators) sees it in her queue, investigates, updates John, resolves it.
  await signIn(page, DEMO.jane);
  await expect(page.getByRole("navigation", { name: "Queues" })).toContainText("System Administrators");
  await page.goto("/agent/tickets?queue=open&sort=priority");
  const row = page.getByRole("row").filter({ hasText: ticket.subject });
  await expect(row).toContainText("Sev A — critical");
  await expect(row).toContainText("System Administrators");
  await row.getByRole("link").click();
  await expect(page.locator('[data-entry-kind="note"]').first()).toContainText("whole Berlin office");

  await page.getByRole("tab", { name: "Internal note" }).click();
  await page.getByLabel("Note for staff").fill("@john the mail queue was stuck on a full disk; clearing it now.");
  await page.getByRole("button", { name: "Add internal note (staff only)" }).click();
  await expect(page.getByText("Internal note added.")).toBeVisible();

  await page.getByLabel("Change status to").selectOption({ label: "Resolved" });
  await page.getByRole("button", { name: "Resolve ticket" }).click();
  await expect(page.getByText("Write a resolution note")).toBeVisible();
  await page.getByLabel("Resolution note").fill("Freed 40 GB on the mail spool and restarted the MTA; mail flows again.");
  await page.getByRole("button", { name: "Resolve ticket" }).click();
  await expect(page.getByText("Status updated.")).toBeVisible();
  await expect(page.getByTestId("ticket-badges")).toContainText("Resolved");
  await signOut(page);

  // John signs in, is told, and sees the note and the ticket closed.
  await signIn(page, DEMO.john);
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await page.getByRole("link", { name: /Notifications: \d+ unread/ }).click();
  const notifications = page.getByRole("list", { name: "Notifications" });
  await expect(notifications).toContainText(`Jane Doe mentioned you in a note on #${ticket.number}`);
  await expect(notifications).toContainText(`Jane Doe resolved #${ticket.number}`);
  await expectNoAxeViolations(page);
  await notifications.getByRole("link", { name: new RegExp(`resolved #${ticket.number}`) }).click();
  await expect(page.getByTestId("ticket-badges")).toContainText("Resolved");
  await expect(page.locator('[data-entry-kind="note"]')).toContainText(["whole Berlin office", "full disk", "Resolution: Freed 40 GB"]);
  await expect(page.getByRole("list", { name: "History" })).toContainText("Jane Doe changed status from Open to Resolved");
  await page.goto("/agent/tickets?queue=closed");
  await expect(page.getByRole("row").filter({ hasText: ticket.subject })).toContainText("Resolved");

  // Ken sees the resolution on his private page, and none of the internal notes.
  await page.goto(ticket.link);
  await expect(page.getByTestId("ticket-status")).toContainText("Resolved");
  await expect(page.getByText("full disk")).toHaveCount(0);
  await expect(page.getByText("whole Berlin office")).toHaveCount(0);
});
