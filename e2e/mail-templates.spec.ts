// Mail templates: an admin edits the new-ticket auto-response, previews and saves it; the next
// ticket opened on /open gets the custom text in its outbox row; the template is reset afterwards.
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, sqlRows } from "./support";

const uid = () => crypto.randomBytes(4).toString("hex");

/**
 * Axe on the page, not inside the HTML preview: that iframe is sandboxed with no permissions, so
 * axe cannot run in it (and would wait for it until the test times out); its content is the mail.
 */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).options({ iframes: false }).exclude('iframe[title="HTML preview"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Set E2E_SCREENSHOTS to a folder to keep pictures of the pages for a look. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 860 });
    // From the top, after the resize has settled: the sticky header and the preview frame then
    // appear where a reader sees them.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

test("[ADMIN] customises the new-ticket auto-response; a requester's ticket gets it; reset restores the default", async ({ page, browser }) => {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation", { name: "Admin navigation" }).getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { name: "Mail templates" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "New ticket: auto-response" });
  await expect(row).toContainText("Requester");
  await expectNoAxeViolations(page);
  await shot(page, "mail-templates");

  await row.getByRole("link", { name: "New ticket: auto-response" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/templates\/new_ticket$/);
  await expect(page.getByRole("heading", { name: "Variables" })).toBeVisible();
  await expect(page.getByText("{{requester.name}}", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // An unknown variable is a field error, before anything is saved.
  const marker = `marker-${uid()}`;
  await page.getByLabel("Subject").fill("Got it: {{ticket.subject}}");
  await page.getByLabel("Plain-text part").fill(`Hello {{requester.name}}, ${marker}.\n{{ticket.link}}\n{{oops}}`);
  await page.getByLabel("HTML part").fill(`<p>Hello <b>{{requester.name}}</b>, ${marker}.</p>`);
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Unknown variable: {{oops}}.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Plain-text part")).toHaveAttribute("aria-invalid", "true");

  // Preview: sample values, and the subject keeps the ticket number though the template dropped it.
  await page.getByLabel("Plain-text part").fill(`Hello {{requester.name}}, ${marker}.\n{{ticket.link}}`);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-subject")).toHaveText("[#482913] Got it: VPN drops every hour");
  await expect(page.getByTestId("preview-text")).toContainText(`Hello Ken Adams, ${marker}.`);
  await expect(page.locator('iframe[title="HTML preview"]')).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator('iframe[title="HTML preview"]').locator("b")).toHaveText("Ken Adams");
  // Full-page pictures after a resize can miss the sandboxed frame's paint; this one shows it.
  if (process.env.E2E_SCREENSHOTS) await page.getByRole("region", { name: "Preview with sample values" }).screenshot({ path: `${process.env.E2E_SCREENSHOTS}/mail-template-preview-1280.png` });

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Template saved.")).toBeVisible();
  await expect(page.getByText("Customised", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "mail-template-edit");
  await expect(page.frameLocator('iframe[title="HTML preview"]').locator("b")).toHaveText("Ken Adams");

  // A requester opens a ticket: the outbox row carries the custom text.
  const email = `tpl-${uid()}@example.com`;
  const requester = await browser.newContext();
  let number: string;
  try {
    const ken = await requester.newPage();
    await ken.goto("/open");
    await ken.getByRole("textbox", { name: "Your name", exact: true }).fill("Ken Template");
    await ken.getByRole("textbox", { name: "Email", exact: true }).fill(email);
    await ken.getByRole("combobox", { name: "Help topic" }).selectOption({ label: "General question" });
    await ken.getByRole("textbox", { name: "Subject", exact: true }).fill("Templates in action");
    await ken.getByRole("textbox", { name: "Message", exact: true }).fill("Does the custom text arrive?");
    await ken.getByRole("button", { name: "Open ticket" }).click();
    await expect(ken).toHaveURL(/\/t\/\d{6}\/[\w-]+$/);
    number = /\/t\/(\d{6})\//.exec(ken.url())![1];
  } finally {
    await requester.close();
  }
  const rows = await sqlRows<{ subject: string; textBody: string; htmlBody: string }>('SELECT "subject", "textBody", "htmlBody" FROM "OutboxMessage" WHERE "toAddress" = $1', [email]);
  expect(rows).toHaveLength(1);
  expect(rows[0].subject).toBe(`[#${number}] Got it: Templates in action`);
  expect(rows[0].textBody).toContain(`Hello Ken Template, ${marker}.`);
  expect(rows[0].textBody).toMatch(new RegExp(`/t/${number}/[\\w-]+`));
  expect(rows[0].htmlBody).toContain(`<b>Ken Template</b>, ${marker}.`);

  // Reset to default: the built-in text is back in the form and on the list.
  await page.getByRole("button", { name: "Reset to default" }).click();
  await page.getByRole("button", { name: "Yes, reset to default" }).click();
  await expect(page.getByText("Template reset to the default.")).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue("[#{{ticket.number}}] {{ticket.subject}}");
  await page.goto("/admin/mail/templates");
  await expect(page.getByRole("row").filter({ hasText: "New ticket: auto-response" })).toContainText("Default");
});

test("[ADMIN] an agent cannot see the templates screen", async ({ page }) => {
  await signIn(page, DEMO.john, "/sign-in");
  await expect(page).toHaveURL(/\/agent/);
  const response = await page.goto("/admin/mail/templates/new_ticket");
  expect(response?.status()).toBe(404);
});
