// Many help desks run on plain http inside a network. A page served from such an address is not a
// secure context, and browsers then leave out parts of the Web Crypto API (crypto.randomUUID). The
// forms must work there all the same: this runs a server of its own on the machine's network
// address (127.0.0.1 and localhost count as secure) and sends a requester's ticket, an agent's reply
// and a note through it.
import os from "node:os";
import { test, expect as baseExpect } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./own-server";
import { ANY_DATABASE, DEMO, signIn } from "./support";
import { openTicketAsRequester, uniqueSuffix } from "./tickets";

// A second production server starts on a shared machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const PORT = Number(process.env.E2E_PORT ?? 3210) + 8;
// The first IPv4 address of a network interface that is not the loopback one.
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

let app: OwnServer;
let origin: string;

test.skip(!networkAddress, "this machine has no network address besides the loopback one");
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  origin = `http://${networkAddress}:${PORT}`;
  // Listens on every address; the help desk's own address is the network one.
  app = await startOwnServer(PORT, { HOSTNAME: "0.0.0.0", APP_URL: origin });
});

test.afterAll(async () => {
  await app?.stop();
});

test("[AGENT] replies and notes from a plain-http network address (no secure context)", ANY_DATABASE, async ({ browser }) => {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto("/open");
  // The premise: this page is not a secure context, so crypto.randomUUID is not there.
  expect(await page.evaluate(() => ({ secure: window.isSecureContext, randomUUID: typeof crypto.randomUUID }))).toEqual({ secure: false, randomUUID: "undefined" });

  const ticket = await openTicketAsRequester(page, { name: "Nora Plain", email: `plain.${uniqueSuffix()}@example.com`, topic: "General question", subject: `Plain http ${uniqueSuffix()}`, message: "Sent over plain http." });

  await signIn(page, DEMO.john);
  await expect(page).toHaveURL(/\/agent/);
  await page.goto(`/agent/tickets/${encodeURIComponent(ticket.number)}`);
  await page.getByLabel("Your reply").fill("Received over plain http too.");
  await page.getByRole("button", { name: "Send reply to Nora Plain" }).click();
  await expect(page.getByText("Reply sent to Nora Plain.")).toBeVisible();
  await expect(page.getByLabel("Your reply")).toHaveValue("");

  await page.getByRole("tab", { name: "Internal note" }).click();
  await page.getByLabel("Note for staff").fill("Checked from the network address.");
  await page.getByRole("button", { name: "Add internal note (staff only)" }).click();
  await expect(page.getByText("Internal note added.")).toBeVisible();

  // The requester's private link, on the same address, shows the reply and takes an answer.
  await page.goto(ticket.link);
  await expect(page.getByText("Received over plain http too.")).toBeVisible();
  await page.getByLabel("Your reply").fill("Thanks, over plain http.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Your reply was sent.")).toBeVisible();
  await context.close();
});
