// Mail in the agent's thread: the text is shown as text; the sender's formatting is one click away,
// in a sandboxed frame that runs nothing and loads nothing.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn } from "./support";

const uid = () => crypto.randomBytes(4).toString("hex");

test("[AGENT] reads an HTML email as text, and its original formatting in a sandbox", async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/api-keys");
  await page.getByLabel("Label").fill(`Mail pipe ${uid()}`);
  await page.getByLabel(/Deliver inbound mail/).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = (await page.getByTestId("shown-once").textContent())!.trim();

  const subject = `Invoice table ${uid()}`;
  const html = `<p>Hello,</p><table><tr><th>Item</th><th>Amount</th></tr><tr><td>Licence renewal</td><td>120.00</td></tr></table><script>alert("boom")</script><img src="https://tracker.example/pixel.gif">`;
  const raw = [`From: Ola Berg <ola-${uid()}@example.com>`, "To: help@example.com", `Subject: ${subject}`, `Message-ID: <${uid()}@client.example>`, "MIME-Version: 1.0", "Content-Type: text/html; charset=utf-8", "", html, ""].join("\r\n");
  const piped = await page.request.post(`${baseURL}/api/tickets.email`, { headers: { "x-api-key": key, "content-type": "message/rfc822" }, data: raw });
  expect(piped.status()).toBe(201);
  const number = (await piped.text()).trim();

  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("about:") && !r.url().startsWith("data:")) outside.push(r.url());
  });

  await page.goto(`/agent/tickets/${number}`);
  const message = page.locator('[data-entry-kind="message"]').first();
  await expect(message).toContainText("Licence renewal");
  await expect(page.locator("iframe")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await message.getByRole("button", { name: "Show the original email" }).click();
  const frame = message.locator("iframe");
  await expect(frame).toHaveAttribute("sandbox", "");
  const body = page.frameLocator('iframe[title^="Original email from"]').locator("body");
  await expect(body.locator("td", { hasText: "Licence renewal" })).toBeVisible();
  await expect(body.locator("script, img")).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(outside).toEqual([]);
  await message.getByRole("button", { name: "Hide the original email" }).click();
  await expect(page.locator("iframe")).toHaveCount(0);
});
