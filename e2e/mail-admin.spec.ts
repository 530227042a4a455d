// The mail admin screens in a real browser against the production build: Mail settings (save, a
// test message to the development outbox and to a closed port), the outbox (a real failed send,
// then "Retry now" until it is sent), the quarantine (mail piped in while its help topic is
// missing: inspected, the setting fixed, retried into a ticket), axe on each page, and a phone's width.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, sql, ANY_DATABASE } from "./support";

const uid = () => crypto.randomBytes(4).toString("hex");
const MAIL_KEYS = ["mailFromAddress", "smtp", "mailMailboxes", "mailDefaultHelpTopicId", "mailMaxNewTicketsPerSenderHour"];

/** Back to the defaults (no SMTP host: the development outbox), so other tests and reruns start clean. */
async function resetMailSettings() {
  await sql(`DELETE FROM "Setting" WHERE "key" IN (${MAIL_KEYS.map((_, i) => `$${i + 1}`).join(", ")})`, MAIL_KEYS);
}

async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function signInAdmin(page: Page) {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
}

async function saveSmtpHost(page: Page, host: string, port: string) {
  await page.goto("/admin/mail");
  await page.getByRole("textbox", { name: "Host", exact: true }).fill(host);
  await page.getByRole("spinbutton", { name: "Port", exact: true }).fill(port);
  await page.getByRole("button", { name: "Save mail settings" }).click();
  await expect(page.getByText("Mail settings saved.")).toBeVisible();
}

test.afterAll(resetMailSettings);

test("[ADMIN] configures mail, sends test messages, retries a failed outgoing message", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await resetMailSettings();
  await signInAdmin(page);
  await page.getByRole("navigation", { name: "Admin navigation" }).getByRole("link", { name: "Mail settings" }).click();
  await expect(page.getByRole("heading", { name: "Mail settings", level: 1 })).toBeVisible();
  await expect(page.getByText("No mail server: messages stay on this machine")).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad input is refused on its field; then a valid save.
  await page.getByLabel("From address").fill("not an address");
  await page.getByRole("button", { name: "Save mail settings" }).click();
  await expect(page.getByText(/Enter an address, like support@example.com/)).toBeVisible();
  await expect(page.getByLabel("From address")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("From address").fill("ACME Help <help@example.com>");
  await page.getByLabel("New tickets per sender per hour").fill("12");
  await page.getByRole("button", { name: "Add address" }).click();
  await page.getByLabel("Address", { exact: true }).fill("Sales@Example.com");
  await page.getByLabel("Help topic", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save mail settings" }).click();
  await expect(page.getByText("Mail settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue("sales@example.com");
  await expect(page.getByLabel("New tickets per sender per hour")).toHaveValue("12");
  await shot(page, "mail-settings");

  // A test message to the development outbox, to the admin's own address by default.
  await expect(page.getByLabel("Send to")).toHaveValue(DEMO.admin.email);
  await page.getByRole("button", { name: "Send test message" }).click();
  await expect(page.getByText(`Test message sent to ${DEMO.admin.email} through the outbox folder`)).toBeVisible();

  // A mail server that is not there: the error, word for word.
  await saveSmtpHost(page, "127.0.0.1", "1");
  await expect(page.getByText("Outgoing mail goes through SMTP")).toBeVisible();
  await page.getByRole("button", { name: "Send test message" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "was not sent" })).toContainText("ECONNREFUSED 127.0.0.1:1");
  await shot(page, "mail-settings-test-failed");

  // A requester opens a ticket while mail cannot leave: the auto-response fails and waits on back-off.
  const email = `ken-${uid()}@example.com`;
  const requester = await browser.newContext();
  try {
    const p = await requester.newPage();
    await p.goto("/open");
    await p.getByRole("textbox", { name: "Your name", exact: true }).fill("Ken Adams");
    await p.getByRole("textbox", { name: "Email", exact: true }).fill(email);
    await p.getByRole("combobox", { name: "Help topic" }).selectOption({ index: 1 });
    await p.getByRole("textbox", { name: "Subject", exact: true }).fill(`Printer <b>jams</b> ${uid()}`);
    await p.getByRole("textbox", { name: "Message", exact: true }).fill("On every second page.");
    await p.getByRole("button", { name: "Open ticket" }).click();
    await expect(p).toHaveURL(/\/t\/\d+\/[\w-]+$/);
  } finally {
    await requester.close();
  }

  await page.getByRole("navigation", { name: "Admin navigation" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("ECONNREFUSED", { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(row).toContainText("Pending");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Pending" }).click();
  await expect(page).toHaveURL(/state=PENDING/);
  await expect(row).toBeVisible();
  await shot(page, "mail-outbox");

  // The mail server is back (the development outbox): retry now, and it is sent.
  await saveSmtpHost(page, "", "587");
  await page.goto("/admin/mail/outbox?state=PENDING");
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Last error" })).toBeVisible();
  await expect(page.getByText(/ECONNREFUSED/).first()).toBeVisible();
  // The HTML part is shown as escaped source, never rendered.
  await expect(page.locator("iframe")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, "mail-outbox-message");
  await page.getByRole("button", { name: "Retry now" }).click();
  // On a slow run the back-off (one minute) can end first, and the worker sends it before the
  // click lands: then the console says so instead. Either way it ends up sent.
  await expect(page.getByText(/Queued again|already been sent|^Sent\.$/).first()).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole("button", { name: "Retry now" })).toHaveCount(0);
});

test("[ADMIN] inspects a quarantined message, fixes the cause and retries it", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await resetMailSettings();
  await signInAdmin(page);

  // An API key for the mail pipe, made in the admin console.
  await page.goto("/admin/api-keys");
  await page.getByLabel("Label").fill(`Mail pipe ${uid()}`);
  await page.getByLabel(/Deliver inbound mail/).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = (await page.getByTestId("shown-once").textContent())!.trim();

  // New mail's help topic points at one that does not exist (as after deleting it outside the
  // console): the message is quarantined with its raw source.
  await sql(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ($1, $2, $3)`, ["mailDefaultHelpTopicId", "999999", new Date().toISOString()]);
  const subject = `Quarantined <script>alert(1)</script> ${uid()}`;
  const raw = [`From: Mia Wong <mia-${uid()}@example.com>`, "To: help@example.com", `Subject: ${subject}`, `Message-ID: <${uid()}@client.example>`, "Content-Type: text/plain; charset=utf-8", "", "My <b>laptop</b> will not boot.", ""].join("\r\n");
  const piped = await page.request.post(`${baseURL}/api/tickets.email`, { headers: { "x-api-key": key, "content-type": "message/rfc822" }, data: raw });
  expect(piped.status()).toBe(201);
  expect((await piped.text()).trim()).toBe("quarantined");

  // The console says so, calmly elsewhere.
  await page.goto("/admin");
  const card = page.getByRole("region", { name: "Mail" });
  await expect(card).toContainText(/Inbound mail in quarantine\s*\d+ needs? attention/);
  await card.getByRole("link", { name: "Inbound mail in quarantine" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/inbound\?state=QUARANTINED$/);
  await expect(page.getByRole("heading", { name: "Inbound & quarantine", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, "mail-inbound");

  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
  await expect(page.getByText("Quarantined", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why it is in quarantine" })).toBeVisible();
  // Mail text is shown as text, never as markup.
  await expect(page.getByLabel("Raw source of the message")).toContainText("My <b>laptop</b> will not boot.");
  const download = await page.request.get(page.url().replace(/\/?$/, "/raw"));
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="inbound-\d+\.eml"$/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await download.text()).toContain(`Subject: ${subject}`);
  await expectNoAxeViolations(page);
  await shot(page, "mail-inbound-message");
  const messageUrl = page.url();

  // Fix the cause: choose the default help topic for mail.
  await page.goto("/admin/mail");
  await page.getByLabel("Default help topic for mail").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save mail settings" }).click();
  await expect(page.getByText("Mail settings saved.")).toBeVisible();

  await page.goto(messageUrl);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText(/Filed: opened ticket #\w+\./)).toBeVisible();
  await expect(page.getByText("Filed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
});

test("[ADMIN] the mail lists fit a phone", ANY_DATABASE, async ({ page }) => {
  await signInAdmin(page);
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of ["/admin/mail", "/admin/mail/outbox", "/admin/mail/inbound", "/admin"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await shot(page, `phone${path.replace(/\//g, "-")}`);
  }
});

test("[AGENT] gets not found on the mail pages and the raw download", async ({ page, baseURL }) => {
  await signIn(page, DEMO.jane);
  await expect(page).toHaveURL(/\/agent$/);
  for (const path of ["/admin/mail", "/admin/mail/outbox", "/admin/mail/outbox/1", "/admin/mail/inbound", "/admin/mail/inbound/1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const raw = await page.request.get(`${baseURL}/admin/mail/inbound/1/raw`);
  expect(raw.status()).toBe(404);
});
