// Ticket helpers for the browser tests: open a ticket the way a requester does.
import { expect, type Page } from "@playwright/test";

export type OpenedTicket = { number: string; link: string; subject: string };

export async function openTicketAsRequester(page: Page, input: { name: string; email: string; topic: string; subject: string; message: string }): Promise<OpenedTicket> {
  await page.goto("/open");
  await page.getByLabel("Your name").fill(input.name);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Help topic").selectOption({ label: input.topic });
  await page.getByLabel("Subject").fill(input.subject);
  await page.getByLabel("Message").fill(input.message);
  await page.getByRole("button", { name: "Open ticket" }).click();
  // The confirmation is the private page with a banner (the ?created=1 flag is dropped from the address).
  await expect(page.getByText(/Ticket #\S+ has been opened/)).toBeVisible();
  const [, number] = /\/t\/([^/]+)\//.exec(page.url())!;
  return { number: decodeURIComponent(number), link: page.url().replace(/\?.*$/, ""), subject: input.subject };
}

export const uniqueSuffix = () => Math.random().toString(36).slice(2, 8);
