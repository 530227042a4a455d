// The IMAP mailboxes screen, end to end: create a mailbox through the form, test its connection and
// poll it against a real Dovecot started by the test, and see a broken one's error in the list.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startImapServer, type ImapTestServer } from "../test/imap-server";
import { needTool } from "../test/tools";
import { DEMO, expectNoAxeViolations, signIn, sqlRows } from "./support";

const dovecot = needTool("dovecot");
test.skip(dovecot.skip, dovecot.reason);

let server: ImapTestServer;
test.beforeAll(async () => {
  server = await startImapServer();
});
test.afterAll(async () => {
  await server?.stop();
});

/** A port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function shoot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function fillMailbox(page: Page, m: { name: string; port: number; username: string; password: string }) {
  await page.getByLabel(/^Name/).fill(m.name);
  await page.getByLabel("IMAP server").fill("127.0.0.1");
  await page.getByLabel("Port").fill(String(m.port));
  await page.getByLabel("TLS from the start").uncheck();
  await page.getByLabel("Username").fill(m.username);
  await page.getByLabel(/^Password/).fill(m.password);
}

test("[ADMIN] adds an IMAP mailbox, tests it, polls it into a ticket, and sees a broken one's error", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fmail%2Fmailboxes");
  await expect(page.getByRole("heading", { level: 1, name: "Mailboxes" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Empty form: field errors on the fields, nothing created.
  await page.getByRole("link", { name: "New mailbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New mailbox" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("Enter the password.")).toBeVisible();

  // A working mailbox on the test's Dovecot, with one message waiting. Names are unique, so a rerun
  // on the same database (a retry) does not meet the first run's mailboxes.
  const run = Date.now().toString(36);
  const supportName = `Support inbox ${run}`;
  const brokenName = `Broken inbox ${run}`;
  const user = `support${Date.now()}`;
  const side = await server.connect(user);
  const requester = `imap-e2e-${Date.now()}@example.com`;
  await side.append("INBOX", Buffer.from(`From: Iris Mail <${requester}>\r\nTo: support@example.com\r\nSubject: Printer on fire\r\nMessage-ID: <${Date.now()}@e2e.example>\r\n\r\nPlease help.\r\n`));
  await side.logout();
  await fillMailbox(page, { name: supportName, port: server.port, username: user, password: server.password });
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/mailboxes\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: supportName })).toBeVisible();
  // The password is never sent back to the browser.
  await expect(page.getByLabel(/^Password/)).toHaveValue("");
  expect(await page.content()).not.toContain(server.password);

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected and signed in\. INBOX holds 1 message, 1 unread\./)).toBeVisible();
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByText(`${supportName}: 1 stored.`)).toBeVisible();
  await expectNoAxeViolations(page);
  const [ticket] = await sqlRows<{ subject: string }>(`SELECT t.subject FROM "Ticket" t JOIN "Requester" r ON r.id = t."requesterId" WHERE r.email = $1`, [requester]);
  expect(ticket?.subject).toBe("Printer on fire");

  // Saving with the password left empty keeps the saved one: the connection still works.
  await page.getByLabel("Folder").fill("INBOX");
  await page.getByRole("button", { name: "Save mailbox" }).click();
  await expect(page.getByText("Mailbox saved.")).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected and signed in/)).toBeVisible();

  // A mailbox whose server is not there: the check and the poll say so, and the list shows the error.
  await page.goto("/admin/mail/mailboxes/new");
  await fillMailbox(page, { name: brokenName, port: await closedPort(), username: "nobody", password: "secret-password" });
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/mailboxes\/\d+\?created=1$/);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Failed" })).toContainText("Connection refused");
  await page.getByRole("button", { name: "Poll now" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The last poll failed." })).toContainText("Connection refused");
  await expectNoAxeViolations(page);
  await shoot(page, "mailbox-edit-error");

  await page.goto("/admin/mail/mailboxes");
  const table = page.getByRole("table", { name: "Mailboxes" });
  await expect(table.getByRole("row").filter({ hasText: supportName })).toContainText("OK");
  const broken = table.getByRole("row").filter({ hasText: brokenName });
  await expect(broken).toContainText("Error");
  await expect(broken).toContainText("Connection refused");
  await expectNoAxeViolations(page);
  await shoot(page, "mailboxes-desktop");

  await page.setViewportSize({ width: 390, height: 800 });
  for (const p of ["/admin/mail/mailboxes", "/admin/mail/mailboxes/new"]) {
    await page.goto(p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, p).toBeLessThanOrEqual(0);
  }
  await page.goto("/admin/mail/mailboxes");
  await shoot(page, "mailboxes-phone");

  // The audit log has the changes and the checks.
  const audit = await sqlRows<{ action: string }>(`SELECT action FROM "AuditLog" WHERE entity = 'imap-mailbox' ORDER BY id`);
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "update", "test-connection", "poll"]));

  // Delete the broken one, with a confirmation step.
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole("link", { name: brokenName }).click();
  await page.getByRole("button", { name: "Delete mailbox" }).click();
  await page.getByRole("button", { name: "Yes, delete mailbox" }).click();
  await expect(page).toHaveURL(/\/admin\/mail\/mailboxes$/);
  await expect(page.getByRole("table", { name: "Mailboxes" })).not.toContainText(brokenName);
});
