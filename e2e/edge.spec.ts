// The edge of the app against the real production server: who the client is (spoofed
// X-Forwarded-For from 127.0.0.1 and 127.0.0.2, with and without TRUSTED_PROXIES), form posts from
// elsewhere and oversized bodies refused cleanly, large staff uploads that work, and the sign-in log.
// Two more servers (the same build and database) are started here with their own settings.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, signIn, sqlRows, ANY_DATABASE } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

const root = path.resolve(__dirname, "..");
const mainPort = Number(process.env.E2E_PORT ?? 3210);
const MB = 1024 * 1024;

type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** One HTTP request with every header chosen by the test, from a chosen local address. */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string; bodyBytes?: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers, localAddress: opts.localAddress }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c) => (text += c)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("error", reject);
    if (opts.bodyBytes) {
      // A large body streamed in 1 MB pieces; the server may answer before it is all sent.
      const chunk = Buffer.alloc(MB, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < opts.bodyBytes! && !req.destroyed) {
          sent += MB;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    } else req.end(opts.body);
  });
}

function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";
  return url.startsWith("file:") ? `file:${path.resolve(root, url.slice(5))}` : url;
}

/** Every server this file started, so none outlives it (a leaked one would answer a later spec's port). */
const started = new Set<ChildProcess>();

async function stopStarted() {
  await Promise.all([...started].map(async (child) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited;
    }
    started.delete(child);
  }));
}

/** The production server as `npm start` runs it, with settings of its own. */
async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  if (await raw(port, { path: "/api/health" }).then(() => true, () => false)) throw new Error(`something already answers on port ${port}`);
  const dataDir = path.resolve(root, process.env.E2E_DATA_DIR ?? "data/e2e");
  const child = spawn(process.execPath, [path.join(root, "scripts", "server-entry.cjs"), path.join(root, ".next", "standalone")], {
    cwd: path.join(root, ".next", "standalone"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl(),
      NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-0123456789",
      DATA_DIR: dataDir,
      ATTACHMENTS_DIR: path.join(dataDir, "attachments"),
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_URL: env.APP_URL ?? `http://127.0.0.1:${port}`,
      OUTBOX_WORKER: "0",
      IMAP_POLLER: "0",
      TRUSTED_PROXIES: "",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  started.add(child);
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} stopped`);
    if (await raw(port, { path: "/api/health" }).then((r) => r.status === 200, () => false)) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server on ${port} did not answer`);
}

/** A failed next-auth sign-in, as the sign-in form sends it, from a local address with extra headers. */
async function failSignIn(port: number, email: string, localAddress: string, headers: Record<string, string> = {}) {
  const csrf = await raw(port, { path: "/api/auth/csrf", localAddress, headers });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const res = await raw(port, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    localAddress,
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password: "not-the-password", json: "true" }).toString(),
  });
  expect(res.status).toBeLessThan(500);
}

/** Next's route announcer appears once the page's scripts ran: typing before that can be lost. */
const hydrated = (page: Page) => expect(page.locator("next-route-announcer")).toHaveCount(1);

const recordedAddresses = async (email: string) => (await sqlRows<{ address: string | null }>('SELECT "address" FROM "SignInAttempt" WHERE "email" = $1 ORDER BY "id"', [email])).map((r) => r.address);

test.describe("who is the client", () => {
  const plainPort = mainPort + 1;
  const proxyPort = mainPort + 2;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    await Promise.all([
      startServer(plainPort, {}),
      // As on the IIS machine: ARR on the same host; and the public address is https.
      startServer(proxyPort, { TRUSTED_PROXIES: "127.0.0.1,::1", APP_URL: "https://help.example.test" }),
    ]);
  });
  // Both, even when one of them failed to start and the other did.
  test.afterAll(stopStarted);

  test("[EDGE] spoofed X-Forwarded-For counts for nothing unless a trusted proxy appended it", async () => {
    // What a client behind ARR looks like: its own made-up entry first, then ARR's, with the port.
    const xff = { "x-forwarded-for": "6.6.6.6, 203.0.113.9:51234", "x-helpdesk-peer": "6.6.6.7" };
    const cases: [number, string, string][] = [
      [plainPort, "127.0.0.1", "127.0.0.1"],
      [plainPort, "127.0.0.2", "127.0.0.2"],
      [proxyPort, "127.0.0.1", "203.0.113.9"],
      [proxyPort, "127.0.0.2", "127.0.0.2"],
    ];
    for (const [port, from, expected] of cases) {
      const email = `probe-${uniqueSuffix()}@example.com`;
      await failSignIn(port, email, from, xff);
      expect(await recordedAddresses(email), `port ${port === plainPort ? "without" : "with"} TRUSTED_PROXIES, from ${from}`).toEqual([expected]);
    }
    const v6 = `probe-${uniqueSuffix()}@example.com`;
    await failSignIn(proxyPort, v6, "127.0.0.1", { "x-forwarded-for": "[2001:DB8::9]:4711" });
    expect(await recordedAddresses(v6)).toEqual(["2001:db8::9"]);
  });

  test("[EDGE] HSTS once the public address is https, and security headers on every page", ANY_DATABASE, async () => {
    const secure = await raw(proxyPort, { path: "/" });
    expect(secure.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(secure.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    const page = await raw(plainPort, { path: "/" });
    expect(page.headers["strict-transport-security"]).toBeUndefined();
    expect(page.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(page.headers["permissions-policy"]).toContain("camera=()");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    // Every script tag carries this response's nonce; there is no inline script without it.
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers["content-security-policy"]))![1];
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect((await raw(plainPort, { path: "/" })).headers["content-security-policy"]).not.toContain(nonce);
  });
});

/** The server action behind a page's form, captured as the browser sends it. */
async function captureAction(page: Page, path: string, fill: () => Promise<void>) {
  await page.goto(path);
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await fill();
  const request = await sent;
  return { path, headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
}

test("[EDGE] a form post without an Origin or from another site is refused with 403, an oversized one with 413", ANY_DATABASE, async ({ page }) => {
  test.setTimeout(120_000);
  const action = await captureAction(page, "/status", async () => {
    await page.getByLabel("Email").fill(`nobody-${uniqueSuffix()}@example.com`);
    await page.getByLabel("Ticket number").fill("123456");
    await page.getByRole("button", { name: "Email me the link" }).click();
  });
  await expect(page.getByText("If that email and number match a ticket, we have sent the private link to that address.")).toBeVisible();
  const base = { "next-action": action.headers["next-action"], "content-type": action.headers["content-type"], accept: "text/x-component" };
  const replay = (headers: Record<string, string>) => raw(mainPort, { method: "POST", path: action.path, headers: { ...base, ...headers }, body: action.body });

  const same = await replay({ origin: `http://127.0.0.1:${mainPort}` });
  expect(same.status).toBe(200);
  const attempts: Record<string, string>[] = [{}, { origin: "https://evil.example" }, { origin: "null" }, { origin: `http://127.0.0.1:${mainPort}`, "sec-fetch-site": "cross-site" }];
  for (const headers of attempts) {
    const refused = await replay(headers);
    expect([refused.status, refused.headers["content-type"]], JSON.stringify(headers)).toEqual([403, "text/plain"]);
    expect(refused.text).toMatch(/^Refused: this form was sent from another site/);
  }

  // 40 MB to a text-only form: refused from its Content-Length, before the body is read.
  const big = await raw(mainPort, { method: "POST", path: "/status", headers: { ...base, origin: `http://127.0.0.1:${mainPort}`, "content-length": String(40 * MB) }, bodyBytes: 40 * MB });
  expect([big.status, big.text]).toEqual([413, "Too large to send: this form takes at most 1 MB."]);
  // A plain (script-less) form post gets a small page instead.
  const page413 = await raw(mainPort, { method: "POST", path: "/open", headers: { origin: `http://127.0.0.1:${mainPort}`, accept: "text/html", "content-type": "multipart/form-data; boundary=x", "content-length": String(60 * MB) }, bodyBytes: 60 * MB });
  expect(page413.status).toBe(413);
  expect(page413.text).toContain("the files of one message may add up to");
  expect((await raw(mainPort, { path: "/api/health" })).status).toBe(200);
});

test("[AGENT] replies with 12 MB of files; more than the settings allow is refused with a clear message", async ({ page }) => {
  test.setTimeout(360_000);
  const ticket = await openTicketAsRequester(page, { name: "Lena Fox", email: `lena.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Big logs ${uniqueSuffix()}`, message: "Logs to follow." });
  await signIn(page, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(`/agent/tickets/${ticket.number}`)}`);
  await expect(page).toHaveURL(new RegExp(`/agent/tickets/${ticket.number}$`), { timeout: 30_000 });
  await hydrated(page);
  const log = (n: number, mb: number) => ({ name: `server-${n}.log`, mimeType: "text/plain", buffer: Buffer.alloc(mb * MB, 0x61 + n) });
  const form = page.getByRole("form", { name: "Reply to the requester" });

  await form.getByLabel("Your reply").fill("Here are the two logs.");
  await form.getByLabel("Attachments").setInputFiles([log(1, 6), log(2, 6)]);
  await form.getByRole("button", { name: /^Send reply to/ }).click();
  await expect(page.getByText(/^Reply sent to/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("link", { name: /server-2\.log/ })).toBeVisible();

  await form.getByLabel("Your reply").fill("Three more, too many megabytes.");
  await form.getByLabel("Attachments").setInputFiles([log(3, 9), log(4, 9), log(5, 9)]);
  await form.getByRole("button", { name: /^Send reply to/ }).click();
  await expect(page.getByText("Too large to send: the files of one message may add up to 25 MB. Remove some files and send it again.")).toBeVisible({ timeout: 60_000 });
  await expect(form.getByLabel("Your reply")).toHaveValue("Three more, too many megabytes.");
});

test("[EDGE] both attachment downloads send the same headers", ANY_DATABASE, async ({ page }) => {
  test.setTimeout(120_000);
  const ticket = await openTicketAsRequester(page, { name: "Omar Haddad", email: `omar.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Attachment ${uniqueSuffix()}`, message: "See file." });
  await signIn(page, DEMO.admin, `/sign-in?callbackUrl=${encodeURIComponent(`/agent/tickets/${ticket.number}`)}`);
  await expect(page).toHaveURL(new RegExp(`/agent/tickets/${ticket.number}$`), { timeout: 30_000 });
  await hydrated(page);
  const form = page.getByRole("form", { name: "Reply to the requester" });
  await form.getByLabel("Your reply").fill("Your file.");
  await form.getByLabel("Attachments").setInputFiles([{ name: "notes (final).txt", mimeType: "text/plain", buffer: Buffer.from("<script>alert(1)</script>\n") }]);
  await form.getByRole("button", { name: /^Send reply to/ }).click();
  const staffHref = await page.getByRole("link", { name: /notes \(final\)\.txt/ }).getAttribute("href");
  const id = /\/agent\/attachments\/(\d+)/.exec(staffHref!)![1];
  const staff = await page.request.get(staffHref!);
  const requester = await page.request.get(`${ticket.link}/attachments/${id}`);
  const pick = (h: Record<string, string>) => ({ type: h["content-type"], disposition: h["content-disposition"], nosniff: h["x-content-type-options"], csp: h["content-security-policy"], cache: h["cache-control"], referrer: h["referrer-policy"] });
  expect(pick(staff.headers())).toEqual({
    type: "application/octet-stream",
    disposition: `attachment; filename="notes (final).txt"; filename*=UTF-8''notes%20%28final%29.txt`,
    nosniff: "nosniff",
    csp: "default-src 'none'; sandbox",
    cache: "private, no-store",
    referrer: "no-referrer",
  });
  expect(pick(requester.headers())).toEqual(pick(staff.headers()));
  expect(await requester.text()).toBe(await staff.text());
});

test("[ADMIN] a failed sign-in appears in the sign-in log with its address", async ({ browser }) => {
  test.setTimeout(120_000);
  const stranger = await (await browser.newContext()).newPage();
  const email = `intruder-${uniqueSuffix()}@example.com`;
  await stranger.goto("/sign-in");
  await hydrated(stranger);
  await stranger.getByLabel("Email").fill(email);
  await stranger.getByLabel("Password").fill("guess-1");
  await stranger.getByRole("button", { name: "Sign in" }).click();
  await expect(stranger.getByText("That email and password do not match an active account.")).toBeVisible();
  await stranger.close();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.admin, "/sign-in?callbackUrl=%2Fadmin%2Fsign-ins");
  await expect(page).toHaveURL(/\/admin\/sign-ins$/);
  await expect(page.getByRole("link", { name: "Sign-in log" })).toHaveAttribute("aria-current", "page");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("127.0.0.1");
  await expect(row).toContainText("No such account");
  await page.getByRole("searchbox", { name: "Email or client address" }).fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  await expectNoAxeViolations(page);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "admin-sign-ins.png"), fullPage: true });
});
