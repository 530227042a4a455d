// The ticket workspace shows the truth after every action and never undoes one silently.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, sqlRows, ANY_DATABASE } from "./support";
import { openTicketAsRequester, uniqueSuffix, type OpenedTicket } from "./tickets";

/** The label of the option a select shows. */
const shownLabel = (select: Locator) => select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");

async function ticketRow(number: string) {
  const [row] = await sqlRows<{ status: string; priority: string; assignee: string | null; version: number }>(
    `SELECT s.name AS status, p.name AS priority, a.name AS assignee, t.version AS version FROM "Ticket" t JOIN "TicketStatus" s ON s.id = t."statusId" JOIN "Priority" p ON p.id = t."priorityId" LEFT JOIN "Staff" a ON a.id = t."assigneeId" WHERE t.number = $1`,
    [number],
  );
  return row;
}

async function openAsJohn(page: Page, name: string): Promise<OpenedTicket> {
  const ticket = await openTicketAsRequester(page, { name, email: `ws.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Workspace ${uniqueSuffix()}`, message: "My printer prints blank pages." });
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto(`/agent/tickets/${ticket.number}`);
  return ticket;
}

test("[AGENT] every field shows the ticket's value after each action on the same page", async ({ page }) => {
  const ticket = await openAsJohn(page, "Ola Berg");
  const panel = page.getByTestId("properties");
  const assignee = panel.getByLabel("Assignee");
  const status = panel.getByLabel("Status");
  expect(await shownLabel(assignee)).toBe("Nobody");

  // Claim, then assign to a colleague: each shows at once, and the second is not undone by the first's stale value.
  await panel.getByRole("button", { name: "Claim" }).click();
  await expect(panel.getByText("You now own this ticket.")).toBeVisible();
  await expect.poll(() => shownLabel(assignee)).toBe("John Doe");
  await expect(panel.getByRole("button", { name: "Claim" })).toHaveCount(0);
  expect(await ticketRow(ticket.number)).toMatchObject({ assignee: "John Doe", version: 2 });

  await assignee.selectOption({ label: "Ada Admin" });
  await expect(panel.getByText("Assigned to Ada Admin.")).toBeVisible();
  await expect.poll(() => shownLabel(assignee)).toBe("Ada Admin");
  expect(await ticketRow(ticket.number)).toMatchObject({ assignee: "Ada Admin", version: 3 });
  // The panel holds its fields until the page shows the assignment's version; a reply sent before
  // that carries the version before it and is (rightly) refused as a conflict on a busy machine.
  await expect(assignee).toBeEnabled();

  // A reply that sets Pending, then a status change on the same page: the status field follows each.
  await page.getByLabel("Your reply").fill("Which printer model is it?");
  await page.getByRole("button", { name: "Send and set Pending" }).click();
  await expect(page.getByText("Reply sent to Ola Berg. The ticket is pending.")).toBeVisible();
  await expect.poll(() => shownLabel(status)).toBe("Pending");
  await expect(page.getByTestId("ticket-badges")).toContainText("Pending");
  await expect(page.getByRole("button", { name: "Send and set Pending" })).toHaveCount(0);
  expect(await ticketRow(ticket.number)).toMatchObject({ status: "Pending", assignee: "Ada Admin", version: 4 });

  await status.selectOption({ label: "Open" });
  await expect(panel.getByText("Status set to Open.")).toBeVisible();
  await expect.poll(() => shownLabel(status)).toBe("Open");
  await expect.poll(() => shownLabel(assignee)).toBe("Ada Admin");
  expect(await ticketRow(ticket.number)).toMatchObject({ status: "Open", assignee: "Ada Admin", version: 5 });
  await expect(page.getByRole("list", { name: "History" }).getByRole("listitem")).toContainText([
    "John Doe assigned the ticket to John Doe",
    "John Doe reassigned the ticket from John Doe to Ada Admin",
    "John Doe changed status from Open to Pending",
    "John Doe changed status from Pending to Open",
  ]);

  // A reload shows the same.
  await page.reload();
  expect(await shownLabel(status)).toBe("Open");
  expect(await shownLabel(assignee)).toBe("Ada Admin");
  await expectNoAxeViolations(page);
});

test("[AGENT] a step on a ticket someone else changed is refused, and a reply outlives a priority change", async ({ browser }) => {
  const john = await (await browser.newContext()).newPage();
  const ticket = await openAsJohn(john, "Pia Lund");
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fagent");
  await expect(admin).toHaveURL(/\/agent$/);
  await admin.goto(`/agent/tickets/${ticket.number}`);
  await admin.getByTestId("properties").getByLabel("Priority").selectOption({ label: "Sev B — high" });
  await expect(admin.getByText("Priority set to Sev B — high.")).toBeVisible();

  // John's page still shows the old priority; his claim is refused, not applied over Ada's change.
  const panel = john.getByTestId("properties");
  await john.getByLabel("Your reply").fill("We are on it.");
  await panel.getByRole("button", { name: "Claim" }).click();
  const conflict = panel.getByRole("alert");
  await expect(conflict).toContainText("Ada Admin changed priority from Sev C — normal to Sev B — high");
  await expect.poll(() => shownLabel(panel.getByLabel("Assignee"))).toBe("Nobody");
  expect(await ticketRow(ticket.number)).toMatchObject({ assignee: null, priority: "Sev B — high", version: 2 });
  await expectNoAxeViolations(john);

  // The reply does not conflict with a priority change: it is sent, and John is told what changed.
  await john.getByRole("button", { name: "Send reply to Pia Lund" }).click();
  await expect(john.getByText("Reply sent to Pia Lund. While you wrote: Ada Admin changed priority from Sev C — normal to Sev B — high.")).toBeVisible();
  await expect.poll(() => shownLabel(panel.getByLabel("Priority"))).toBe("Sev B — high");
  await panel.getByRole("button", { name: "Claim" }).click();
  await expect(panel.getByText("You now own this ticket.")).toBeVisible();
  expect(await ticketRow(ticket.number)).toMatchObject({ assignee: "John Doe", priority: "Sev B — high", version: 4 });
});

test("[AGENT] resolving asks for the resolution, which the requester then sees", async ({ page }) => {
  const ticket = await openAsJohn(page, "Eva Holm");
  const panel = page.getByTestId("properties");
  await panel.getByLabel("Status").selectOption({ label: "Resolved" });
  await panel.getByRole("button", { name: "Resolve and send" }).click();
  await expect(panel.getByText("Write the resolution for the requester")).toBeVisible();
  await expect(panel.getByLabel("Resolution")).toHaveAttribute("aria-invalid", "true");
  expect(await ticketRow(ticket.number)).toMatchObject({ status: "Open", version: 1 });
  await expectNoAxeViolations(page);
  await panel.getByLabel("Resolution").fill("The toner cartridge was empty; replaced it.");
  await panel.getByRole("button", { name: "Resolve and send" }).click();
  await expect(panel.getByText("Resolved. The resolution was sent to Eva Holm.")).toBeVisible();
  await expect.poll(() => shownLabel(panel.getByLabel("Status"))).toBe("Resolved");
  await expect(page.locator('[data-entry-kind="reply"]')).toContainText("toner cartridge was empty");
  // A resolved ticket says so, does not offer to resolve again, and a reply reopens it.
  await expect(page.getByText("This ticket is resolved.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send and resolve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send reply to Eva Holm and reopen" })).toBeVisible();
  await expect(panel.getByLabel("Status").locator("option", { hasText: "Resolved" })).toHaveCount(1);

  await page.goto(ticket.link);
  await expect(page.getByTestId("ticket-status")).toContainText("Resolved");
  await expect(page.getByTestId("resolution")).toContainText("The toner cartridge was empty; replaced it.");
  await expectNoAxeViolations(page);
});

test("[AGENT] the reply and note tabs work from the keyboard", ANY_DATABASE, async ({ page }) => {
  await openAsJohn(page, "Noa Kim");
  const reply = page.getByRole("tab", { name: "Reply to requester" });
  const note = page.getByRole("tab", { name: "Internal note" });
  await reply.focus();
  await page.keyboard.press("ArrowRight");
  await expect(note).toBeFocused();
  await expect(note).toHaveAttribute("aria-selected", "true");
  await expect(note).toHaveAttribute("tabindex", "0");
  await expect(reply).toHaveAttribute("tabindex", "-1");
  await expect(page.getByLabel("Note for staff")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(reply).toBeFocused();
  await page.keyboard.press("End");
  await expect(note).toBeFocused();
  await page.keyboard.press("Home");
  await expect(reply).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Your reply")).toBeVisible();
});

test("[AGENT] the properties sit beside the thread on a desktop and on top on a phone", ANY_DATABASE, async ({ page }, info) => {
  const ticket = await openAsJohn(page, "Lea Sand");
  const panel = page.getByTestId("properties");
  const thread = page.getByRole("region", { name: "Thread" });
  const [p, t] = [(await panel.boundingBox())!, (await thread.boundingBox())!];
  expect(p.x).toBeGreaterThan(t.x + t.width - 1);
  expect(Math.abs(p.y - t.y)).toBeLessThan(40);
  await expect(page.getByTestId("requester")).toContainText("Lea Sand");
  await expect(page.getByTestId("requester")).toContainText("No other tickets you can see.");
  const desktopHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: info.outputPath("workspace-desktop.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/agent/tickets/${ticket.number}`);
  const [pp, tp] = [(await panel.boundingBox())!, (await thread.boundingBox())!];
  expect(pp.y + pp.height).toBeLessThanOrEqual(tp.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const phoneHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: info.outputPath("workspace-phone.png"), fullPage: true });
  await expectNoAxeViolations(page);
  // Issue 12 measured 1,800 px (desktop) and 2,900 px (phone) for a ticket with one message.
  expect(desktopHeight).toBeLessThan(1800);
  expect(phoneHeight).toBeLessThan(2900);
  console.log(`workspace height: desktop ${desktopHeight}px, phone ${phoneHeight}px`);
});

test("[STAFF] the bell opens the latest in place and the finder jumps to a ticket, on every staff page", async ({ browser }) => {
  const ken = await (await browser.newContext()).newPage();
  const ticket = await openTicketAsRequester(ken, { name: "Ivo Marsh", email: `ivo.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Bell check ${uniqueSuffix()}`, message: "Hello" });
  await ken.close();

  // Ada assigns the ticket to John, from the admin's side.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole("searchbox", { name: "Ticket number or search" }).fill(ticket.number);
  await admin.keyboard.press("Enter");
  await expect(admin).toHaveURL(new RegExp(`/agent/tickets/${ticket.number}$`));
  // The finder's jump is a full page load: a choice made before the page's scripts run changes the
  // field but sends nothing (Next's route announcer exists once they have run, as in edge.spec.ts).
  await expect(admin.locator("next-route-announcer")).toHaveCount(1);
  await admin.getByTestId("properties").getByLabel("Assignee").selectOption({ label: "John Doe" });
  await expect(admin.getByText("Assigned to John Doe.")).toBeVisible();
  await admin.goto("/admin/sla");
  await admin.getByRole("button", { name: /^Notifications:/ }).click();
  await expect(admin.getByRole("heading", { name: "Notifications", level: 2 })).toBeVisible();
  await expectNoAxeViolations(admin);

  // John sees it from his account page, marks all read in place, and jumps to the ticket by number.
  const john = await (await browser.newContext()).newPage();
  await signIn(john, DEMO.john);
  await expect(john).toHaveURL(/\/agent$/);
  await john.goto("/agent/account");
  const bell = john.getByRole("button", { name: /Notifications: \d+ unread/ });
  await bell.click();
  const latest = john.getByRole("list", { name: "Latest notifications" });
  await expect(latest).toContainText(`Ada Admin assigned #${ticket.number}`);
  await expectNoAxeViolations(john);
  await john.keyboard.press("Escape");
  await expect(latest).toBeHidden();
  await expect(bell).toBeFocused();
  await bell.click();
  await john.getByRole("button", { name: "Mark all read" }).click();
  await expect(john.getByRole("button", { name: "Notifications: none unread" })).toBeVisible();
  await expect(john.getByTestId("unread-count")).toHaveCount(0);

  await john.getByRole("searchbox", { name: "Ticket number or search" }).fill(`#${ticket.number}`);
  await john.keyboard.press("Enter");
  await expect(john).toHaveURL(new RegExp(`/agent/tickets/${ticket.number}$`));
  // Words that are not a number search instead.
  await john.getByRole("searchbox", { name: "Ticket number or search" }).fill(ticket.subject);
  await john.keyboard.press("Enter");
  await expect(john).toHaveURL(/\/agent\/tickets\?/);
  await expect(john.getByRole("row").filter({ hasText: ticket.subject })).toBeVisible();
});

test("[AGENT] the queue: one line per ticket, whose move it is, filters that apply at once, empty states that say why", async ({ page }, info) => {
  const subject = `Printer on the third floor prints every page twice and then jams on the last sheet ${uniqueSuffix()}`;
  const ticket = await openTicketAsRequester(page, { name: "Tom Reyes", email: `tom.${uniqueSuffix()}@example.com`, topic: "General question", subject, message: "Twice, then it jams." });
  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  await page.goto(`/agent/tickets?queue=open&q=${encodeURIComponent(subject)}`);
  const row = page.getByRole("row").filter({ hasText: ticket.number });
  await expect(row).toContainText("On us");
  // How long the requester has waited, from when they last wrote (kept on the ticket row).
  await expect(row).toContainText("requester wrote");
  const link = row.getByRole("link", { name: new RegExp(subject) });
  await expect(link).toHaveAttribute("title", `#${ticket.number} ${subject}`);
  expect((await row.boundingBox())!.height).toBeLessThan(50);
  await expect(page.getByTestId("queue-count")).toHaveText("1 ticket");
  await page.screenshot({ path: info.outputPath("queue-desktop.png"), fullPage: true });
  await expectNoAxeViolations(page);

  // A pending ticket stays in the Open queue, marked as waiting on the requester; count and list agree.
  await link.click();
  await page.getByTestId("properties").getByLabel("Status").selectOption({ label: "Pending" });
  await expect(page.getByText("Status set to Pending.")).toBeVisible();
  await page.goto(`/agent/tickets?queue=open&q=${encodeURIComponent(subject)}`);
  await expect(row).toContainText("On requester");
  await expect(page.getByTestId("queue-count")).toHaveText("1 ticket");

  // Filters apply on change, without a button; an empty result says why and offers to clear.
  await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
  await page.getByLabel("Priority", { exact: true }).selectOption({ label: "Sev A — critical" });
  await expect(page).toHaveURL(/priority=\d+/);
  await expect(page.getByTestId("queue-empty")).toContainText("No tickets match these filters");
  await expect(page.getByTestId("queue-count")).toHaveText("0 tickets");
  await page.getByRole("link", { name: "clear filters" }).click();
  await expect(page).not.toHaveURL(/priority=/);
  await expect(page.getByLabel("Priority", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Search: number, subject or requester email")).toHaveValue("");

  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/agent/tickets?queue=open&q=${encodeURIComponent(subject)}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: info.outputPath("queue-phone.png"), fullPage: true });
  await expectNoAxeViolations(page);
});
