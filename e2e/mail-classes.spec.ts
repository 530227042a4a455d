// Real-world mail classes as agents and admins meet them: a sender the From: line does not name
// clearly (flagged on the ticket, with the line as received), an inline image shown inside the
// sandboxed original email, and a quarantined message filed after the admin corrects its sender.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn } from "./support";

const uid = () => crypto.randomBytes(4).toString("hex");
// A 2×2 red PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP8z8DAwMDAxMDAwMAAAB0ABv8d1jZCAAAAAElFTkSuQmCC";

async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function pipeKey(page: Page): Promise<string> {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/api-keys");
  await page.getByLabel("Label").fill(`Mail pipe ${uid()}`);
  await page.getByLabel(/Deliver inbound mail/).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  return (await page.getByTestId("shown-once").textContent())!.trim();
}

test("[AGENT] sees an unclear sender flagged with the From: line as received, and an inline image in the original email", async ({ page, baseURL }) => {
  const key = await pipeKey(page);
  const b = `b-${uid()}`;
  const fromLine = `Mary <mary ann jones-${uid()}@example.com>`;
  const raw = [`From: ${fromLine}`, "To: help@example.com", `Subject: Screenshot of the error ${uid()}`, `Message-ID: <${uid()}@client.example>`, "MIME-Version: 1.0", `Content-Type: multipart/related; boundary="${b}"`, "",
    `--${b}`, "Content-Type: text/html; charset=utf-8", "", '<p>The error looks like this:</p><img src="cid:shot1@client.example" alt="Error screenshot" width="40" height="40">', `--${b}`,
    'Content-Type: image/png; name="shot.png"', "Content-Transfer-Encoding: base64", "Content-ID: <shot1@client.example>", 'Content-Disposition: inline; filename="shot.png"', "", PNG, `--${b}--`, ""].join("\r\n");
  const piped = await page.request.post(`${baseURL}/api/tickets.email`, { headers: { "x-api-key": key, "content-type": "message/rfc822" }, data: raw });
  expect(piped.status()).toBe(201);
  const number = (await piped.text()).trim();

  await page.goto(`/agent/tickets/${number}`);
  const notices = page.getByRole("region", { name: "Mail notices" });
  await expect(notices).toContainText("Sender unclear");
  await expect(notices).toContainText(fromLine);
  await expect(page.getByText(/@sender-unclear\.invalid/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const message = page.locator('[data-entry-kind="message"]').first();
  await message.getByRole("button", { name: "Show the original email" }).click();
  const image = page.frameLocator('iframe[title^="Original email from"]').getByRole("img", { name: "Error screenshot" });
  await expect(image).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  await shot(page, "mail-sender-unclear");
});

test("[ADMIN] corrects the sender of a quarantined message and files it", async ({ page, baseURL }) => {
  const key = await pipeKey(page);
  const subject = `Disk report ${uid()}`;
  // A cron job's mail with no From:, Reply-To: or Sender: line: nobody to file it under.
  const raw = [`To: help@example.com`, `Subject: ${subject}`, `Message-ID: <${uid()}@cron.example>`, "Content-Type: text/plain; charset=utf-8", "", "Disk /var is 95% full.", ""].join("\r\n");
  const piped = await page.request.post(`${baseURL}/api/tickets.email`, { headers: { "x-api-key": key, "content-type": "message/rfc822" }, data: raw });
  expect((await piped.text()).trim()).toBe("quarantined");

  await page.goto("/admin/mail/inbound?state=QUARANTINED");
  await page.getByRole("link", { name: subject }).click();
  const form = page.getByRole("form", { name: "Correct the sender and file" });
  await form.getByLabel("Sender's address").fill("mary ann@example.com");
  await form.getByRole("button", { name: "Correct the sender and file" }).click();
  await expect(form.getByText(/one address/)).toBeVisible();
  await expectNoAxeViolations(page);

  const sender = `cron-${uid()}@localhost`;
  await form.getByLabel("Sender's address").fill(sender);
  await form.getByRole("button", { name: "Correct the sender and file" }).click();
  await expect(page.getByText(/Filed: opened ticket #/)).toBeVisible();
  await shot(page, "mail-correct-sender");
  const filed = (await page.getByText(/Filed: opened ticket #/).textContent())!.match(/#(\S+?)\.$/)![1];
  await page.goto(`/agent/tickets/${filed}`);
  // The header names the requester as the corrected address says (the composer repeats it in its hint).
  await expect(page.getByText(`<${sender}>`).first()).toBeVisible();
  await expect(page.locator('[data-entry-kind="message"]').first()).toContainText("Disk /var is 95% full.");
});
