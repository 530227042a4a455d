// The requester portal: open a ticket without an account, follow it through the private link.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, sqlRows, ANY_DATABASE } from "./support";

// A real 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const uid = () => crypto.randomBytes(4).toString("hex");

/** A text field by its accessible name (labels carry an aria-hidden "*" for required fields). */
const textbox = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });

type FileSpec = { name: string; mimeType: string; buffer: Buffer };
type Opened = { number: string; link: string; path: string; token: string };

/** Set E2E_SCREENSHOTS to a folder to keep pictures of the pages for a look. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function fillOpenForm(page: Page, values: { name?: string; email?: string; topic?: string; subject?: string; message?: string; files?: FileSpec[] } = {}) {
  await page.goto("/open");
  await textbox(page, "Your name").fill(values.name ?? "Ken Adams");
  await textbox(page, "Email").fill(values.email ?? `ken-${uid()}@example.com`);
  await page.getByRole("combobox", { name: "Help topic" }).selectOption({ label: values.topic ?? "General question" });
  await textbox(page, "Subject").fill(values.subject ?? "The printer on floor 2 jams");
  await textbox(page, "Message").fill(values.message ?? "It jams on every second page since Monday.");
  if (values.files) await page.getByLabel("Attachments (optional)", { exact: true }).setInputFiles(values.files);
}

/** Opens a ticket through the form and returns what the confirmation shows. */
async function openTicket(page: Page, values: Parameters<typeof fillOpenForm>[1] = {}): Promise<Opened> {
  await fillOpenForm(page, values);
  await page.getByRole("button", { name: "Open ticket" }).click();
  // The confirmation, then the plain private link in the address bar (what a bookmark keeps).
  await expect(page).toHaveURL(/\/t\/\d{6}\/[\w-]+$/);
  const banner = page.getByRole("status").filter({ hasText: "has been opened" });
  await expect(banner).toContainText(/Ticket #\d{6} has been opened/);
  await expect(banner).toContainText("Keep this private link");
  const number = /Ticket #(\d{6})/.exec((await banner.textContent()) ?? "")![1];
  const link = await page.getByLabel("Your private link").inputValue();
  const url = new URL(link);
  return { number, link, path: url.pathname, token: url.pathname.split("/")[3] };
}

test("[PUBLIC] Ken opens a ticket with an attachment", async ({ page }) => {
  const opened = await openTicket(page, { message: "Screenshot attached.\nSecond line.", files: [{ name: "Écran 1.png", mimeType: "image/png", buffer: PNG }] });
  expect(opened.link).toBe(page.url());
  await shot(page, "ticket-created-1280");

  // The private page itself: no indexing, no referrer.
  const response = await page.goto(opened.path);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The printer on floor 2 jams");
  await expect(page.getByText(`Ticket #${opened.number}`, { exact: true })).toBeVisible();
  await expect(page.getByTestId("ticket-status")).toHaveText(/Status:\s*Open/);
  const message = page.getByRole("article", { name: "Message from Ken Adams" });
  await expect(message).toContainText("Screenshot attached.\nSecond line.");

  // The download: opaque bytes, never rendered by the browser, the real name kept.
  const attachment = message.getByRole("link", { name: /Écran 1\.png/ });
  const download = page.waitForEvent("download");
  await attachment.click();
  expect((await download).suggestedFilename()).toBe("Écran 1.png");
  const file = await page.request.get((await attachment.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(file.headers()).toMatchObject({
    "content-type": "application/octet-stream",
    "content-disposition": `attachment; filename="_cran 1.png"; filename*=UTF-8''%C3%89cran%201.png`,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-store",
  });
  expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);
});

test("[PUBLIC] Ken replies, closes and reopens his ticket", async ({ page }) => {
  const opened = await openTicket(page);
  await page.goto(opened.path);

  await textbox(page, "Your reply").fill("It also happens on floor 3.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("article", { name: "Message from Ken Adams" }).filter({ hasText: "It also happens on floor 3." })).toBeVisible();
  await expect(page.getByText("Your reply was sent.")).toBeVisible();
  await expect(textbox(page, "Your reply")).toHaveValue("");

  await page.getByRole("button", { name: "Close ticket" }).click();
  await page.getByRole("button", { name: "Yes, close it" }).click();
  await expect(page.getByRole("heading", { name: "This ticket is closed" })).toBeVisible();
  await expect(page.getByTestId("ticket-status")).toHaveText(/Status:\s*Closed/);
  await expect(textbox(page, "Your reply")).toHaveCount(0);
  await expect(page.getByText("A closed ticket no longer takes replies.")).toBeVisible();
  await shot(page, "ticket-closed-1280");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Reopen ticket" }).click();
  await expect(page.getByTestId("ticket-status")).toHaveText(/Status:\s*Open/);
  await expect(textbox(page, "Your reply")).toBeVisible();
  await expect(page.getByRole("button", { name: "Close ticket" })).toBeVisible();

  const history = await sqlRows<{ type: string }>(`SELECT h."type" FROM "HistoryEvent" h JOIN "Ticket" t ON t."id" = h."ticketId" WHERE t."number" = $1 ORDER BY h."id"`, [opened.number]);
  expect(history.map((h) => h.type)).toEqual(["created", "requester_replied", "requester_closed", "requester_reopened"]);
});

test("[PUBLIC] bad input shows errors next to the fields and keeps the typed text", async ({ page }) => {
  await fillOpenForm(page, { email: "ken-at-example", subject: "", message: "Everything I typed stays." });
  await page.getByRole("button", { name: "Open ticket" }).click();

  const email = textbox(page, "Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Enter a valid email address/);
  const subject = textbox(page, "Subject");
  await expect(subject).toHaveAttribute("aria-invalid", "true");
  await expect(subject).toHaveAccessibleDescription(/needs at least 3 characters/);
  await expect(page).toHaveURL(/\/open$/);
  await expect(email).toHaveValue("ken-at-example");
  await expect(textbox(page, "Your name")).toHaveValue("Ken Adams");
  await expect(textbox(page, "Message")).toHaveValue("Everything I typed stays.");
  await shot(page, "open-errors-1280");
  await expectNoAxeViolations(page);

  // Fixed, it goes through.
  await email.fill(`ken-${uid()}@example.com`);
  await subject.fill("Fixed subject");
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(page.getByText(/Ticket #\d{6} has been opened/)).toBeVisible();
});

test("[PUBLIC] an oversized or disguised attachment is refused with a clear message", async ({ page }) => {
  const subject = `Attachment check ${uid()}`;
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
  await fillOpenForm(page, { subject, files: [{ name: "big.png", mimeType: "image/png", buffer: big }] });
  await page.getByRole("button", { name: "Open ticket" }).click();
  const files = page.getByLabel("Attachments (optional)", { exact: true });
  await expect(files).toHaveAccessibleDescription(/"big\.png" is larger than 10 MB\./);

  // An executable renamed .png: only the server can tell, by its content.
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(300)]);
  await files.setInputFiles([{ name: "holiday.png", mimeType: "image/png", buffer: elf }]);
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(files).toHaveAccessibleDescription(/"holiday\.png" does not contain what its name says \(it looks like a \.elf file\)\./);
  await expect(page.getByRole("alert").filter({ hasText: "Check the highlighted fields." })).toBeVisible();
  await expect(page).toHaveURL(/\/open$/);
  await expect(textbox(page, "Subject")).toHaveValue(subject);
  await expect(textbox(page, "Message")).toHaveValue("It jams on every second page since Monday.");
  expect(await sqlRows(`SELECT "id" FROM "Ticket" WHERE "subject" = $1`, [subject])).toEqual([]);

  // A text file that is not text.
  await files.setInputFiles([{ name: "log.txt", mimeType: "text/plain", buffer: Buffer.from([0x68, 0x00, 0x69]) }]);
  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(files).toHaveAccessibleDescription(/"log\.txt" is not a plain text file/);
  await shot(page, "open-attachment-error-1280");
});

test("[PUBLIC] markup in a subject or message is shown as text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const opened = await openTicket(page, { subject: "<script>alert(1)</script>", message: `<img src=x onerror="alert(2)"> and <b>bold</b>` });
  await page.goto(opened.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("<script>alert(1)</script>");
  await expect(page.getByRole("article", { name: "Message from Ken Adams" })).toContainText(`<img src=x onerror="alert(2)"> and <b>bold</b>`);
  await expect(page.locator("main img, main b")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("[PUBLIC] a tampered token or another ticket's token gives 404", async ({ page }) => {
  const a = await openTicket(page, { files: [{ name: "a.png", mimeType: "image/png", buffer: PNG }] });
  const b = await openTicket(page);
  await page.goto(a.path);
  const href = (await page.getByRole("link", { name: /a\.png/ }).getAttribute("href"))!;
  const attachmentId = href.split("/").pop();
  const flip = (token: string) => token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");

  for (const path of [`/t/${a.number}/${b.token}`, `/t/${a.number}/${flip(a.token)}`, `/t/${a.number}/${a.token.slice(0, 10)}`, `/t/000000x/${a.token}`, `/t/${b.number}/${a.token}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  for (const path of [`/t/${a.number}/${b.token}/attachments/${attachmentId}`, `/t/${b.number}/${b.token}/attachments/${attachmentId}`, `/t/${a.number}/${flip(a.token)}/attachments/${attachmentId}`, `/t/${a.number}/${a.token}/attachments/abc`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  // The right link still works.
  expect((await page.request.get(href)).status()).toBe(200);
});

test("[PUBLIC] check status gives the same answer whether or not the ticket exists", async ({ page }) => {
  const email = `ken-${uid()}@example.com`;
  const opened = await openTicket(page, { email });
  const answer = "If that email and number match a ticket, we have sent the private link to that address.";

  await page.goto("/status");
  await textbox(page, "Email").fill("not an email");
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(textbox(page, "Email")).toHaveAccessibleDescription(/Enter a valid email address/);

  await textbox(page, "Email").fill(email.toUpperCase());
  await textbox(page, "Ticket number").fill(`#${opened.number}`);
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: answer })).toBeVisible();
  await shot(page, "status-sent-1280");

  await textbox(page, "Ticket number").fill("999999x");
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: answer })).toBeVisible();

  // Only the link requested here: the new-ticket auto-response is another message.
  const mails = await sqlRows<{ toAddress: string; textBody: string }>(`SELECT "toAddress", "textBody" FROM "OutboxMessage" WHERE "toAddress" = $1 AND "subject" LIKE $2`, [email, "%Your link to%"]);
  expect(mails).toHaveLength(1);
  expect(mails[0].textBody).toContain(opened.link);
});

test("[PUBLIC] the status form stops mailing one address after five requests an hour", async ({ page }) => {
  const email = `flood-${uid()}@example.com`;
  await page.goto("/status");
  await textbox(page, "Email").fill(email);
  await textbox(page, "Ticket number").fill("123456");
  for (let i = 0; i < 5; i++) {
    await page.getByRole("button", { name: "Email me the link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "we have sent the private link" })).toBeVisible();
  }
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "too many of these requests" })).toBeVisible();
  await expect(textbox(page, "Email")).toHaveValue(email);
});

test("[PUBLIC] a double submission of the form opens one ticket", async ({ page }) => {
  const subject = `Double ${uid()}`;
  await fillOpenForm(page, { subject });
  await page.locator("form").evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page.getByText(/Ticket #\d{6} has been opened/)).toBeVisible();
  await expect.poll(async () => (await sqlRows(`SELECT "id" FROM "Ticket" WHERE "subject" = $1`, [subject])).length).toBe(1);
});

test("[PUBLIC] the portal pages pass an accessibility check", ANY_DATABASE, async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Open a new ticket/ })).toHaveAttribute("href", "/open");
  await expect(page.getByRole("link", { name: /Check a ticket's status/ })).toHaveAttribute("href", "/status");
  await expectNoAxeViolations(page);
  await shot(page, "home-1280");
  await page.goto("/open");
  await expect(page.getByRole("combobox", { name: "Help topic" })).toContainText("Server or network outage");
  await expectNoAxeViolations(page);
  await shot(page, "open-1280");
  await page.goto("/status");
  await expectNoAxeViolations(page);
  await shot(page, "status-1280");
  const opened = await openTicket(page, { files: [{ name: "screen.png", mimeType: "image/png", buffer: PNG }] });
  await expectNoAxeViolations(page);
  await page.goto(opened.path);
  await expectNoAxeViolations(page);
  await shot(page, "ticket-1280");
});

test("[PUBLIC] the portal works at a phone's width", ANY_DATABASE, async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  for (const path of ["/", "/open", "/status"]) {
    await page.goto(path);
    expect(await overflow(), path).toBeLessThanOrEqual(0);
    await shot(page, `${path === "/" ? "home" : path.slice(1)}-390`);
  }
  const opened = await openTicket(page, { subject: "A rather long subject line that has to wrap nicely on a small phone screen", files: [{ name: "a-very-long-file-name-for-a-screenshot-of-the-problem.png", mimeType: "image/png", buffer: PNG }] });
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot(page, "ticket-created-390");
  await page.goto(opened.path);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shot(page, "ticket-390");
});
