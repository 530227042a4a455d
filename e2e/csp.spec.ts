// Every page runs under a Content-Security-Policy without inline scripts (a nonce per response):
// walk the main workflow and the whole admin console and check the browser reports no violation,
// the pages still work (scripts ran: forms submit, menus open) and the sandboxed mail frames render.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, ANY_DATABASE } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

/** Collects what the browser reports about the policy: console errors and securitypolicyviolation events. */
function watchPolicy(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy|Refused to (execute|load|apply|frame|connect)/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => violations.push(`${page.url()}: page error ${e.message}`));
  return violations;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  expect(response?.headers()["content-security-policy"], path).toMatch(/'nonce-/);
  // Hydration ran (a script with the nonce executed): Next's router announcer exists only then.
  await expect(page.locator("next-route-announcer")).toHaveCount(1);
}

test("[EDGE] no page of the main workflow or the admin console reports a CSP violation", ANY_DATABASE, async ({ browser, baseURL }) => {
  // About 40 pages: minutes on a loaded machine.
  test.setTimeout(600_000);
  const requester = await (await browser.newContext()).newPage();
  const requesterViolations = watchPolicy(requester);
  for (const path of ["/", "/open", "/status", "/sign-in", "/no-such-page"]) {
    const response = await requester.goto(path);
    expect(response?.headers()["content-security-policy"], path).toMatch(/'nonce-/);
    await expect(requester.locator("next-route-announcer")).toHaveCount(1);
  }
  const ticket = await openTicketAsRequester(requester, { name: "Ana Silva", email: `ana.${uniqueSuffix()}@example.com`, topic: "General question", subject: `CSP walk ${uniqueSuffix()}`, message: "Checking every page." });
  await visit(requester, ticket.link);
  expect(requesterViolations).toEqual([]);

  const admin = await (await browser.newContext()).newPage();
  const violations = watchPolicy(admin);
  await signIn(admin, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin");
  await expect(admin).toHaveURL(/\/admin$/);
  // Every page of the admin console's navigation, and the first record of each list.
  const links = await admin.locator("aside nav a, nav a").evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).pathname).filter((p) => p.startsWith("/admin")))]);
  expect(links.length).toBeGreaterThan(10);
  for (const path of links) {
    await visit(admin, path);
    const first = admin.locator(`main a[href^="${path}/"]`).first();
    if ((await first.count()) && !path.endsWith("/mail")) {
      const href = await first.getAttribute("href");
      if (href && !/\/(new|raw)$/.test(href)) await visit(admin, href);
    }
  }
  // The mail template preview: a sandboxed srcdoc frame under the page's policy.
  await visit(admin, "/admin/mail/templates");
  await admin.locator('main a[href^="/admin/mail/templates/"]').first().click();
  await expect(admin.frameLocator('iframe[title="HTML preview"]').locator("body")).not.toBeEmpty();

  // The agent's side: dashboard, queues, notifications, a workspace, an email's original formatting.
  for (const path of ["/agent", "/agent/tickets?queue=open", "/agent/tickets?queue=mine", "/agent/notifications", `/agent/tickets/${ticket.number}`]) await visit(admin, path);
  await admin.goto("/admin/api-keys");
  await admin.getByLabel("Label").fill(`CSP pipe ${uniqueSuffix()}`);
  await admin.getByLabel(/Deliver inbound mail/).check();
  await admin.getByRole("button", { name: "Create API key" }).click();
  const key = (await admin.getByTestId("shown-once").textContent())!.trim();
  const html = `<p style="color:#334155">Hello,</p><table><tr><td>Inline <b>styles</b> and a picture</td><td><img alt="dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></td></tr></table>`;
  const mail = [`From: Ida Berg <ida-${crypto.randomBytes(3).toString("hex")}@example.com>`, "To: help@example.com", `Subject: CSP mail ${uniqueSuffix()}`, `Message-ID: <${crypto.randomUUID()}@client.example>`, "MIME-Version: 1.0", "Content-Type: text/html; charset=utf-8", "", html, ""].join("\r\n");
  const piped = await admin.request.post(`${baseURL}/api/tickets.email`, { headers: { "x-api-key": key, "content-type": "message/rfc822" }, data: mail });
  expect(piped.status()).toBe(201);
  await visit(admin, `/agent/tickets/${(await piped.text()).trim()}`);
  await admin.getByRole("button", { name: "Show the original email" }).click();
  await expect(admin.frameLocator('iframe[title^="Original email from"]').locator("td").first()).toContainText("Inline styles");
  // The page still runs its scripts: an agent's note goes through a server action.
  await admin.getByRole("tab", { name: /note/i }).click();
  await admin.getByLabel("Note for staff").fill("Checked under the policy.");
  await admin.getByRole("button", { name: "Add internal note (staff only)" }).click();
  await expect(admin.getByText("Internal note added.")).toBeVisible();
  expect(violations).toEqual([]);
});
