// The private link guards uploads and can be replaced: a reply's link and rate limits are checked
// before any file is written, and a requester's "new link" ends the old one at once and mails the
// new one through the outbox. Real SQLite and PostgreSQL, real files on disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as ActionClient from "@/lib/server/action-client";
import type * as RequesterService from "@/lib/tickets/requester-service";
import type * as Schemas from "@/lib/tickets/schemas";
import type * as TicketLinkService from "@/lib/tickets/ticket-link-service";
import { AppError } from "@/lib/server/errors";
import { getRequesterView, openTicket, requesterReply } from "@/lib/tickets/requester-service";
import { gateRequesterReply, renewTicketLink } from "@/lib/tickets/ticket-link-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

function linkOf(linkPath: string) {
  const [, , number, token] = linkPath.split("/");
  return { number: decodeURIComponent(number), token };
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (error === null) return null;
  if (error instanceof AppError) return error.code;
  throw error;
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

function replyForm(link: { number: string; token: string }, message: string, withFile = true): FormData {
  const form = new FormData();
  form.set("number", link.number);
  form.set("token", link.token);
  form.set("message", message);
  if (withFile) form.append("attachments", new File([PNG], "screenshot.png", { type: "image/png" }));
  return form;
}

describe.each(testDatabaseKinds())("private links on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  let filesDir: string;
  let actionClient: typeof ActionClient;
  let service: typeof TicketLinkService;
  let requester: typeof RequesterService;
  let schemas: typeof Schemas;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    topicId = (await helpTopic(t.db, (await department(t.db)).id)).id;
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-link-files-"));
    // The action client reads settings through the app's own database client: point it at this one.
    // Everything the action touches is loaded afresh with it, so its errors are the same classes.
    process.env.DATABASE_URL = t.url;
    vi.resetModules();
    actionClient = await import("@/lib/server/action-client");
    service = await import("@/lib/tickets/ticket-link-service");
    requester = await import("@/lib/tickets/requester-service");
    schemas = await import("@/lib/tickets/schemas");
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  /** The portal's reply action as lib/tickets/public-actions.ts builds it, for a given client address. */
  function replyAction(clientAddress: string) {
    return actionClient.publicUploadAction(
      schemas.ZRequesterReply.extend(schemas.ZTicketLink.shape),
      async ({ number, token, ...reply }, files) => {
        await requester.requesterReply(t.db, number, token, reply, files);
        return { sent: true };
      },
      async (link) => service.gateRequesterReply(t.db, link, clientAddress),
    );
  }

  const open = async () => linkOf((await openTicket(t.db, { name: "Ken", email: `ken-${uid()}@example.com`, helpTopicId: topicId, subject: "Printer", message: "Jammed" })).linkPath);
  const storedFiles = () => fs.readdirSync(filesDir, { recursive: true }).filter((f) => fs.statSync(path.join(filesDir, String(f))).isFile()).length;

  it("refuses a wrong link before any file is written", async () => {
    const link = await open();
    // Writing anywhere under the attachments folder fails: an action that wrote before checking
    // would fail with a server error here, not with "not found".
    const blocked = path.join(filesDir, "not-a-folder");
    fs.writeFileSync(blocked, "");
    process.env.ATTACHMENTS_DIR = path.join(blocked, "attachments");
    const wrong = { ...link, token: link.token.slice(0, -2) + (link.token.endsWith("AA") ? "BB" : "AA") };
    expect(await replyAction("203.0.113.9")(replyForm(wrong, "Let me in"))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await replyAction("203.0.113.9")(replyForm({ ...link, number: "999999999" }, "Let me in"))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    fs.rmSync(blocked);
  });

  it("takes a requester's replies with files, up to the limit per link, then refuses before writing", async () => {
    process.env.ATTACHMENTS_DIR = path.join(filesDir, `per-link-${uid()}`);
    const link = await open();
    const action = replyAction(`198.51.100.${Math.floor(Math.random() * 200) + 1}`);
    expect(await action(replyForm(link, "Here is a screenshot"))).toMatchObject({ ok: true });
    const attachment = await t.db.attachment.findFirstOrThrow({ where: { ticket: { number: link.number } } });
    expect(attachment.fileName).toBe("screenshot.png");
    for (let i = 2; i <= 20; i++) expect(await action(replyForm(link, `Reply ${i}`, false))).toMatchObject({ ok: true });
    const before = storedFiles();
    const refused = await action(replyForm(link, "One more, with a file"));
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(storedFiles()).toBe(before);
    expect(await t.db.threadEntry.count({ where: { ticket: { number: link.number } } })).toBe(21);
  });

  it("limits replies per client address across links", async () => {
    process.env.ATTACHMENTS_DIR = path.join(filesDir, `per-address-${uid()}`);
    const action = replyAction(`192.0.2.${Math.floor(Math.random() * 200) + 1}`);
    const links = [await open(), await open(), await open(), await open()];
    for (const link of links) for (let i = 0; i < 15; i++) expect(await action(replyForm(link, `Reply ${i}`, false))).toMatchObject({ ok: true });
    const fifth = await open();
    expect(await action(replyForm(fifth, "And another"))).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    // Someone else, from another address, still gets through on the same ticket.
    expect(await replyAction("192.0.2.250")(replyForm(fifth, "From the office", false))).toMatchObject({ ok: true });
  });

  it("replaces the link on request: the old one ends at once, the new one arrives by mail and works", async () => {
    const link = await open();
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: link.number }, include: { requester: true } });
    await renewTicketLink(t.db, link, "203.0.113.20");

    expect(await codeOf(getRequesterView(t.db, link.number, link.token))).toBe("NOT_FOUND");
    expect(await codeOf(gateRequesterReply(t.db, link, "203.0.113.20"))).toBe("NOT_FOUND");
    expect(await codeOf(renewTicketLink(t.db, link, "203.0.113.20"))).toBe("NOT_FOUND");

    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, subject: { contains: "new link" } } });
    expect(mail).toMatchObject({ toAddress: ticket.requester.email, state: "PENDING" });
    const newPath = /\/t\/[^\s]+/.exec(mail.textBody)![0];
    const renewed = linkOf(newPath);
    expect(renewed.token).not.toBe(link.token);
    expect((await getRequesterView(t.db, renewed.number, renewed.token)).ticket.number).toBe(link.number);
    await requesterReply(t.db, renewed.number, renewed.token, { message: "Thanks, new link works" });
    const history = await t.db.historyEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => h.type)).toEqual(["created", "requester_new_link", "requester_replied"]);

    // Asking again and again sends mail each time: a few an hour per ticket, then a clear refusal.
    let current = renewed;
    for (let i = 0; i < 2; i++) {
      await renewTicketLink(t.db, current, "203.0.113.21");
      const latest = await t.db.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, subject: { contains: "new link" } }, orderBy: { id: "desc" } });
      current = linkOf(/\/t\/[^\s]+/.exec(latest.textBody)![0]);
    }
    expect(await codeOf(renewTicketLink(t.db, current, "203.0.113.22"))).toBe("RATE_LIMITED");
    expect((await getRequesterView(t.db, current.number, current.token)).ticket.number).toBe(link.number);
  });
});
