// Chromium through the IIS stand-in (test/proxy/arr-nginx.ts: nginx configured line for line as
// deploy/windows/web.config, TLS with a self-signed certificate) in front of a production server
// whose APP_URL is the proxy's https address, as on the Windows VM. Session cookies come back
// secure-only, server actions (opening a ticket, an agent's reply with a file) are accepted with the
// host ARR forwards, and uploads over the app's limit but under the proxy's get the app's own
// answer rather than a proxy error: the form's message, or for a plain post the "Not sent" page.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { needTool } from "../test/tools";
import { arrStandInConfig, type ArrStandIn } from "../test/proxy/arr-nginx";
import { startOwnServer, type OwnServer } from "./own-server";
import { ANY_DATABASE, DEMO, signIn } from "./support";
import { mainWorkflow } from "./main-workflow";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

const nginx = needTool("nginx");
const openssl = needTool("openssl");
test.skip(nginx.skip || openssl.skip, nginx.reason ?? openssl.reason);

const base = Number(process.env.E2E_PORT ?? 3210);
// This suite's ports: +1 sso, +2 edge, +3 cluster and +7 settings-secrets are other specs'.
const stand: Omit<ArrStandIn, "certFile" | "keyFile" | "workDir"> = { upstreamPort: base + 4, httpsPort: base + 5, httpPort: base + 6 };
const PUBLIC_URL = `https://127.0.0.1:${stand.httpsPort}`;
const MB = 1024 * 1024;

test.use({ baseURL: PUBLIC_URL, ignoreHTTPSErrors: true });
test.describe.configure({ mode: "serial" });

let dir: string;
let server: OwnServer | undefined;
let proxy: ChildProcess | undefined;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(300_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "arr proxy e2e "));
  const s: ArrStandIn = { ...stand, certFile: path.join(dir, "cert.pem"), keyFile: path.join(dir, "key.pem"), workDir: dir };
  const cert = spawnSync(openssl.path!, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", s.keyFile, "-out", s.certFile, "-days", "1", "-subj", "/CN=127.0.0.1"], { encoding: "utf8" });
  expect(cert.status, cert.stderr).toBe(0);
  server = await startOwnServer(stand.upstreamPort, { APP_URL: PUBLIC_URL, TRUSTED_PROXIES: "127.0.0.1,::1" });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, arrStandInConfig(s));
  proxy = spawn(nginx.path!, ["-c", conf, "-p", dir], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  proxy.stderr!.on("data", (d) => (err += d));
  const request = await playwright.request.newContext({ ignoreHTTPSErrors: true });
  await expect
    .poll(async () => {
      if (proxy!.exitCode !== null) throw new Error(`nginx stopped: ${err}`);
      return (await request.get(`${PUBLIC_URL}/api/health`).catch(() => null))?.status();
    }, { timeout: 20_000 })
    .toBe(200);
  await request.dispose();
});

test.afterAll(async () => {
  if (proxy && proxy.exitCode === null) {
    const stopped = new Promise((r) => proxy!.once("exit", r));
    proxy.kill("SIGTERM");
    await stopped;
  }
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("[PROXY] over TLS: secure session cookie, a ticket opened and answered with a file through server actions", ANY_DATABASE, async ({ page, context }) => {
  test.setTimeout(180_000);
  const name = `Tove Ek ${uniqueSuffix()}`;
  const ticket = await openTicketAsRequester(page, { name, email: `proxy.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Through the proxy ${uniqueSuffix()}`, message: "Opened through IIS." });
  expect(page.url()).toMatch(new RegExp(`^${PUBLIC_URL.replace(/[.]/g, "\\.")}/t/`));

  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent$/);
  const session = (await context.cookies(PUBLIC_URL)).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ name: "__Secure-next-auth.session-token", secure: true, httpOnly: true });

  await page.goto(`/agent/tickets/${ticket.number}`);
  // The page's script has taken over (the reply goes as a server action, not a plain post).
  await expect(page.locator("next-route-announcer")).toHaveCount(1);
  const form = page.getByRole("form", { name: "Reply to the requester" });
  await form.getByLabel("Your reply").fill("Here are the steps, attached.");
  await form.getByLabel("Attachments").setInputFiles([{ name: "steps.txt", mimeType: "text/plain", buffer: Buffer.alloc(200 * 1024, 0x61) }]);
  await form.getByRole("button", { name: `Send reply to ${name}` }).click();
  await expect(page.getByText(new RegExp(`^Reply sent to ${name}`))).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: /steps\.txt/ })).toBeVisible();

  // Over the app's limit and under the proxy's: the app's own message reaches the form.
  await form.getByLabel("Your reply").fill("Three big files.");
  await form.getByLabel("Attachments").setInputFiles([1, 2, 3].map((n) => ({ name: `big-${n}.log`, mimeType: "text/plain", buffer: Buffer.alloc(9 * MB, 0x61 + n) })));
  await form.getByRole("button", { name: `Send reply to ${name}` }).click();
  await expect(page.getByText("Too large to send: the files of one message may add up to 25 MB. Remove some files and send it again.")).toBeVisible({ timeout: 60_000 });
  await expect(form.getByLabel("Your reply")).toHaveValue("Three big files.");
});

test("[PROXY] a plain form post over the upload limit, let through by the proxy, gets the app's page", ANY_DATABASE, async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/open");
  // What a browser without the page's script sends: a multipart post to the same page. 27 MB is
  // under the proxy's 32 MB (maxAllowedContentLength) and over the app's 25 MB of files.
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.enctype = "multipart/form-data";
    form.action = "/open";
    form.innerHTML = '<input type="file" name="files" id="proxy-big-file"><button type="submit" id="proxy-send">Send</button>';
    document.body.append(form);
  });
  await page.locator("#proxy-big-file").setInputFiles([{ name: "big.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(27 * MB, 0x62) }]);
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/open");
  await page.locator("#proxy-send").click();
  expect((await answer).status()).toBe(413);
  await expect(page.getByRole("heading", { name: "Not sent" })).toBeVisible();
  await expect(page.getByText("Too large to send: the files of one message may add up to 25 MB.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the page" })).toHaveAttribute("href", "/open");
});

test("[PROXY] the main workflow end to end through the proxy: Ken submits, John and Jane work it, resolved", ANY_DATABASE, async ({ page }) => {
  // Every step of the product's main test (e2e/main-workflow.ts) through TLS and the stand-in:
  // each server action, sign-in and redirect takes the proxy's host, scheme and client address.
  test.setTimeout(240_000);
  expect(await mainWorkflow(page, { checkDatabase: false })).toBe(13);
});
