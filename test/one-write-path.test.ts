// Every kind of actor changes tickets through the one mutation (lib/tickets/mutate.ts): the same
// version, updatedAt, history and follower bookkeeping, the workflow's transitions, and the policy
// module's answer per actor kind. Real SQLite and PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketActor } from "@/lib/auth/ticket-actor";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { AppError } from "@/lib/server/errors";
import { saveSettings } from "@/lib/settings/store";
import { changeStatus, replyToTicket } from "@/lib/tickets/agent-steps";
import { mutateTicket } from "@/lib/tickets/mutate";
import { openTicket, postRequesterMessage, requesterReply, requesterSetOpen } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-write-path-files-"));

const linkOf = (linkPath: string) => {
  const [, , number, token] = linkPath.split("/");
  return { number: decodeURIComponent(number), token };
};

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe.each(testDatabaseKinds())("one write path on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  let departmentId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const dept = await department(t.db);
    departmentId = dept.id;
    topicId = (await helpTopic(t.db, dept.id)).id;
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId, requesterCanClose: true, requesterCanReopen: true, reopenWithinDays: 0 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ticketOf = (number: string) => t.db.ticket.findUniqueOrThrow({ where: { number }, include: { status: true, watchers: true } });
  const historyOf = (id: number) => t.db.historyEvent.findMany({ where: { ticketId: id }, orderBy: { id: "asc" } });

  async function portalTicket() {
    const email = `req-${uid()}@example.com`;
    const opened = await openTicket(t.db, { name: "Rita Requester", email, helpTopicId: topicId, subject: "Laptop", message: "It will not boot." });
    return { ...linkOf(opened.linkPath), email };
  }

  it("a mail reply that reopens a closed ticket bumps the version once, sets updatedAt and records who reopened it", async () => {
    const from = `mail-${uid()}@example.com`;
    const first = await ingestMessage(t.db, rawMail({ from: `Mo Mail <${from}>`, subject: "Old issue", body: "Help." }), { mailbox: "test" });
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [departmentId] })).id);
    const open = await ticketOf(first.ticketNumber!);
    const closed = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "CLOSED" } });
    await changeStatus(t.db, agent, { ticketId: open.id, version: open.version, statusId: closed.id });
    const before = await ticketOf(first.ticketNumber!);
    expect(before).toMatchObject({ isOpen: false });
    expect(before.watchers.map((w) => w.ticketIsOpen)).toEqual([false]);
    await pause();

    const reply = await ingestMessage(t.db, rawMail({ from, subject: `Re: [#${first.ticketNumber}] Old issue`, body: "It is back." }), { mailbox: "test" });
    expect(reply).toMatchObject({ state: "STORED", ticketNumber: first.ticketNumber });
    const after = await ticketOf(first.ticketNumber!);
    expect(after).toMatchObject({ isOpen: true, closedAt: null, version: before.version + 1 });
    expect(after.status.kind).toBe("OPEN");
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(after.lastMessageAt!.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // The agent who closed it follows it, and sees it among open tickets again.
    expect(after.watchers.map((w) => w.ticketIsOpen)).toEqual([true]);
    const history = (await historyOf(after.id)).slice(-2);
    expect(history.map((h) => [h.type, h.actorLabel, h.ticketVersion])).toEqual([
      ["requester_replied", "Mo Mail (requester)", after.version],
      ["requester_reopened", "Mo Mail (requester)", after.version],
    ]);
  });

  it("requester close and reopen through the link write version, updatedAt and history like any change", async () => {
    const link = await portalTicket();
    const opened = await ticketOf(link.number);
    await pause();
    await requesterSetOpen(t.db, link.number, link.token, false);
    const closed = await ticketOf(link.number);
    expect(closed).toMatchObject({ isOpen: false, version: opened.version + 1 });
    expect(closed.status.kind).toBe("CLOSED");
    expect(closed.closedAt).not.toBeNull();
    expect(closed.updatedAt.getTime()).toBeGreaterThan(opened.updatedAt.getTime());
    await requesterSetOpen(t.db, link.number, link.token, true);
    const reopened = await ticketOf(link.number);
    expect(reopened).toMatchObject({ isOpen: true, closedAt: null, version: opened.version + 2 });
    expect((await historyOf(reopened.id)).map((h) => h.type)).toEqual(["created", "requester_closed", "requester_reopened"]);
  });

  it("requester steps obey the transitions and the settings: no closing twice, no reopening an open ticket, no reply to a closed one", async () => {
    const link = await portalTicket();
    expect((await errorOf(requesterSetOpen(t.db, link.number, link.token, true))).code).toBe("FORBIDDEN");
    await requesterSetOpen(t.db, link.number, link.token, false);
    expect((await errorOf(requesterSetOpen(t.db, link.number, link.token, false))).code).toBe("FORBIDDEN");
    const reply = await errorOf(requesterReply(t.db, link.number, link.token, { message: "Hello?" }));
    expect(reply.fieldErrors.message).toMatch(/closed/);
    // The settings close the door after the window: reopening is refused, nothing is written.
    await saveSettings(t.db, { requesterCanReopen: false });
    try {
      const before = await ticketOf(link.number);
      expect((await errorOf(requesterSetOpen(t.db, link.number, link.token, true))).message).toMatch(/can no longer be reopened/);
      expect(await ticketOf(link.number)).toMatchObject({ version: before.version, isOpen: false });
    } finally {
      await saveSettings(t.db, { requesterCanReopen: true });
    }
  });

  it("a resolved ticket cannot be closed by its requester (only open tickets can), though an agent may close it", async () => {
    const link = await portalTicket();
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [departmentId] })).id);
    const ticket = await ticketOf(link.number);
    const resolved = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "RESOLVED" } });
    await changeStatus(t.db, agent, { ticketId: ticket.id, version: ticket.version, statusId: resolved.id, note: "Replaced the disk." });
    expect((await errorOf(requesterSetOpen(t.db, link.number, link.token, false))).message).toMatch(/cannot be closed/);
  });

  it("refuses each actor kind where the policy says, and writes nothing", async () => {
    const link = await portalTicket();
    const other = await portalTicket();
    const ticket = await ticketOf(link.number);
    const otherTicket = await ticketOf(other.number);
    const outsider = await actorFor(t.db, (await staff(t.db, { departments: [(await department(t.db)).id] })).id);
    const plan = async () => ({ data: { subject: "changed" }, events: [] });
    const refusals: [TicketActor, Parameters<typeof mutateTicket>[3], string][] = [
      // Another ticket's requester (their link proves nothing about this one).
      [{ kind: "requester", requesterId: otherTicket.requesterId, name: "Other" }, "requester.reply", "NOT_FOUND"],
      // A mail sender cannot close; closing takes the private link.
      [{ kind: "mail", requesterId: ticket.requesterId, name: "Rita" }, "requester.close", "NOT_FOUND"],
      // A requester cannot take an agent's step.
      [{ kind: "requester", requesterId: ticket.requesterId, name: "Rita" }, "ticket.priority", "NOT_FOUND"],
      // API keys open tickets; they do not change them.
      [{ kind: "apiKey", keyId: 1, label: "CRM" }, "ticket.note", "NOT_FOUND"],
      // The system never answers the requester.
      [{ kind: "system", job: "test" }, "ticket.reply", "NOT_FOUND"],
      // Staff outside the ticket's reach do not find it.
      [outsider, "ticket.note", "NOT_FOUND"],
    ];
    for (const [actor, step, code] of refusals) {
      expect((await errorOf(mutateTicket(t.db, actor, { ticketId: ticket.id }, step, plan))).code, `${actor.kind} ${step}`).toBe(code);
    }
    // A requester's message needs their own ticket, even through the service.
    const stranger = { kind: "requester" as const, requesterId: otherTicket.requesterId, name: "Other" };
    expect((await errorOf(postRequesterMessage(t.db, stranger, ticket.id, { body: "mine now" }))).code).toBe("NOT_FOUND");
    expect(await ticketOf(link.number)).toMatchObject({ subject: "Laptop", version: ticket.version });
    expect(await t.db.threadEntry.count({ where: { ticketId: ticket.id } })).toBe(1);

    // The system may move a ticket along, named in the history.
    const pending = await t.db.ticketStatus.findFirstOrThrow({ where: { kind: "PENDING" } });
    await mutateTicket(t.db, { kind: "system", job: "test" }, { ticketId: ticket.id }, "ticket.status", async () => ({ status: { id: pending.id, name: pending.name, kind: "PENDING" }, events: [{ type: "status" as const, fromValue: "Open", toValue: pending.name }] }));
    expect((await historyOf(ticket.id)).at(-1)).toMatchObject({ type: "status", actorLabel: "The system (test)", actorStaffId: null });
  });

  it("the API's key, channel and priority are written when the ticket is opened, not patched afterwards", async () => {
    const urgent = await t.db.priority.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });
    const opened = await openTicket(t.db, { name: "Caller", email: `phone-${uid()}@example.com`, helpTopicId: topicId, subject: "Phoned in", message: "Call notes." }, [], "API", {
      apiKey: { kind: "apiKey", keyId: 7, label: "Phone system", onBehalfOf: "10.0.0.5" },
      channel: "PHONE",
      priorityId: urgent.id,
    });
    const ticket = await ticketOf(linkOf(opened.linkPath).number);
    expect(ticket).toMatchObject({ source: "PHONE", priorityId: urgent.id, priorityOrder: urgent.sortOrder, version: 1 });
    expect(await historyOf(ticket.id)).toMatchObject([{ type: "created", actorLabel: "API key “Phone system” for 10.0.0.5", ticketVersion: 1 }]);
  });
  it("keeps when the requester last wrote on the ticket: set by their messages on every channel, not by agents", async () => {
    const link = await portalTicket();
    const lastMessage = async (ticketId: number) => (await t.db.threadEntry.findFirstOrThrow({ where: { ticketId, kind: "MESSAGE" }, orderBy: { id: "desc" } })).createdAt.getTime();
    const opened = await ticketOf(link.number);
    expect(Math.abs(opened.requesterWroteAt!.getTime() - (await lastMessage(opened.id)))).toBeLessThan(1000);
    await pause();
    await requesterReply(t.db, link.number, link.token, { message: "Still broken." });
    const replied = await ticketOf(link.number);
    expect(replied.requesterWroteAt!.getTime()).toBeGreaterThan(opened.requesterWroteAt!.getTime());
    expect(Math.abs(replied.requesterWroteAt!.getTime() - (await lastMessage(opened.id)))).toBeLessThan(1000);
    await pause();
    const agent = await actorFor(t.db, (await staff(t.db, { departments: [departmentId] })).id);
    await replyToTicket(t.db, agent, { ticketId: replied.id, version: replied.version, body: "Try holding the power button." });
    const answered = await ticketOf(link.number);
    expect(answered.lastMessageAt.getTime()).toBeGreaterThan(replied.lastMessageAt.getTime());
    expect(answered.requesterWroteAt).toEqual(replied.requesterWroteAt);
    await pause();
    await ingestMessage(t.db, rawMail({ from: link.email, subject: `Re: [#${link.number}] Laptop`, body: "That did it, thanks." }), { mailbox: "test" });
    const mailed = await ticketOf(link.number);
    expect(mailed.requesterWroteAt!.getTime()).toBeGreaterThan(answered.requesterWroteAt!.getTime());
  });
});
