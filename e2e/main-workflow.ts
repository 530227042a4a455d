// The product's main end-to-end journey, as DEVELOPERS.md tells it: Ken submits a request on the
// public page; John (Support) marks it Sev A, transfers it to System Administrators and leaves an
// internal note; Jane investigates, updates John and resolves it with the resolving reply; John is
// told and sees the note and the ticket closed; Ken sees the resolution. Run directly against the
// server (e2e/workflow.spec.ts) and through the IIS stand-in (e2e/proxy.spec.ts).
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, signOut, sqlRows } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

/**
 * Walks the whole journey on `page` (its baseURL decides which server) and returns the agents'
 * clicks (a choice in a list counts as one). `checkDatabase`: also check rows in the suite's
 * database (only when the server uses it).
 */
export async function mainWorkflow(page: Page, options: { checkDatabase: boolean }): Promise<number> {
  let clicks = 0;
  const click = async (target: Locator) => {
    clicks++;
    await target.click();
  };
  const choose = async (target: Locator, label: string) => {
    clicks++;
    await target.selectOption({ label });
  };
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
  await click(page.getByRole("link", { name: new RegExp(ticket.subject) }).first());
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ticket.subject);
  await expectNoAxeViolations(page);

  const panel = page.getByTestId("properties");
  await choose(panel.getByLabel("Priority"), "Sev A — critical");
  await expect(page.getByText("Priority set to Sev A — critical.")).toBeVisible();
  await expect(page.getByTestId("ticket-badges")).toContainText("Sev A — critical");
  await expect(panel.getByLabel("Priority")).toHaveValue(await optionValue(panel.getByLabel("Priority"), "Sev A — critical"));

  await choose(panel.getByLabel("Department"), "System Administrators");
  await panel.getByLabel("Reason for the transfer").fill("Mail server is theirs");
  await click(panel.getByRole("button", { name: "Transfer", exact: true }));
  await expect(page.getByText("Transferred to System Administrators.")).toBeVisible();
  await expect(page.getByRole("list", { name: "History" })).toContainText("John Doe transferred the ticket from Support to System Administrators");

  // Out of his department now, John still follows the ticket and may leave an internal note.
  await click(page.getByRole("tab", { name: "Internal note" }));
  await page.getByLabel("Note for staff").fill("Ken says the whole Berlin office is affected.");
  await click(page.getByRole("button", { name: "Add internal note (staff only)" }));
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
  await click(row.getByRole("link"));
  await expect(page.locator('[data-entry-kind="note"]').first()).toContainText("whole Berlin office");

  await click(page.getByRole("tab", { name: "Internal note" }));
  await page.getByLabel("Note for staff").fill("@john the mail queue was stuck on a full disk; clearing it now.");
  await click(page.getByRole("button", { name: "Add internal note (staff only)" }));
  await expect(page.getByText("Internal note added.")).toBeVisible();

  // The reply that resolves is the resolution: one click sends it and resolves the ticket.
  await click(page.getByRole("tab", { name: "Reply to requester" }));
  await page.getByLabel("Your reply").fill("Freed 40 GB on the mail spool and restarted the MTA; mail flows again.");
  await click(page.getByRole("button", { name: "Send and resolve" }));
  await expect(page.getByText("Reply sent to Ken Adams. The ticket is resolved")).toBeVisible();
  await expect(page.getByTestId("ticket-badges")).toContainText("Resolved");
  await expect(page.getByTestId("properties").getByLabel("Status")).toHaveValue(await optionValue(page.getByTestId("properties").getByLabel("Status"), "Resolved"));
  await expect(page.getByRole("button", { name: "Send and resolve" })).toHaveCount(0);
  await signOut(page);

  // John signs in, is told, and sees the note and the ticket closed.
  await signIn(page, DEMO.john);
  await expect(page.getByTestId("unread-count")).toBeVisible();
  // The bell opens the latest notifications in place.
  // Notifications are written after the step commits, by whichever server process holds the
  // subscriber (with several, a moment later); the bell shows what there was when the page loaded.
  const notifications = page.getByRole("list", { name: "Latest notifications" });
  clicks++;
  let looks = 0;
  await expect(async () => {
    if (looks++ > 0) await page.reload();
    await page.getByRole("button", { name: /Notifications: \d+ unread/ }).click();
    await expect(notifications).toContainText(`Jane Doe resolved #${ticket.number}`, { timeout: 2_000 });
  }, "John's bell lists Jane's resolution").toPass({ timeout: 30_000 });
  await expect(notifications).toContainText(`Jane Doe mentioned you in a note on #${ticket.number}`);
  await expectNoAxeViolations(page);
  await click(notifications.getByRole("link", { name: new RegExp(`resolved #${ticket.number}`) }));
  await expect(page.getByTestId("ticket-badges")).toContainText("Resolved");
  // Opening the ticket read what the bell said about it.
  if (options.checkDatabase) await expect.poll(async () => (await sqlRows(`SELECT n.id FROM "Notification" n JOIN "Ticket" t ON t.id = n."ticketId" JOIN "Staff" s ON s.id = n."staffId" WHERE t.number = $1 AND s.email = $2 AND n."readAt" IS NULL`, [ticket.number, DEMO.john.email])).length).toBe(0);
  await expect(page.locator('[data-entry-kind="note"]')).toContainText(["whole Berlin office", "full disk"]);
  await expect(page.locator('[data-entry-kind="reply"]')).toContainText(["Freed 40 GB"]);
  await expect(page.getByRole("list", { name: "History" })).toContainText("Jane Doe changed status from Open to Resolved");
  await page.goto("/agent/tickets?queue=closed");
  await expect(page.getByRole("row").filter({ hasText: ticket.subject })).toContainText("Resolved");

  // Ken sees the resolution on his private page, and none of the internal notes.
  await page.goto(ticket.link);
  await expect(page.getByTestId("ticket-status")).toContainText("Resolved");
  await expect(page.getByText("full disk")).toHaveCount(0);
  await expect(page.getByText("whole Berlin office")).toHaveCount(0);
  await expect(page.getByTestId("resolution")).toContainText("Freed 40 GB on the mail spool");
  return clicks;
}

/** The value of the option with this label, to check what a select shows. */
async function optionValue(select: Locator, label: string): Promise<string> {
  return select.locator("option", { hasText: label }).first().evaluate((o) => (o as HTMLOptionElement).value);
}
