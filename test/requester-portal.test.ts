// The requester portal's services beyond the lifecycle tests: downloads (only files of the ticket
// behind the link, never one on an internal note) and double submissions arriving at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { attachmentsDir, writeFiles } from "@/lib/attachments/storage";
import { AppError } from "@/lib/server/errors";
import { getRequesterAttachment, getRequesterView, openTicket, requesterReply } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, staff, uid } from "./factories";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-portal-files-"));

const linkOf = (linkPath: string) => {
  const [, , number, token] = linkPath.split("/");
  return { number: decodeURIComponent(number), token };
};

const file = (name: string) => ({ fileName: name, contentType: "text/plain", size: 5, storageKey: `ab/${uid()}${uid()}${uid()}${uid()}`, sha256: "0".repeat(64) });

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("NOT_FOUND");
}

describe.each(testDatabaseKinds())("requester portal on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function ticketWithFiles() {
    const support = await department(t.db, `Support ${uid()}`);
    const topic = await helpTopic(t.db, support.id);
    const agent = await staff(t.db, { departments: [support.id] });
    const opened = await openTicket(t.db, { name: "Ken", email: `ken-${uid()}@example.com`, helpTopicId: topic.id, subject: "Printer", message: "See the log." }, [file("printer.log")]);
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number }, include: { attachments: true } });
    const note = await t.db.threadEntry.create({ data: { ticketId: ticket.id, kind: "NOTE", authorStaffId: agent.id, body: "internal" } });
    const reply = await t.db.threadEntry.create({ data: { ticketId: ticket.id, kind: "REPLY", authorStaffId: agent.id, body: "Try this" } });
    const onNote = await t.db.attachment.create({ data: { ...file("secret.txt"), ticketId: ticket.id, entryId: note.id } });
    const onReply = await t.db.attachment.create({ data: { ...file("fix.txt"), ticketId: ticket.id, entryId: reply.id } });
    const orphan = await t.db.attachment.create({ data: { ...file("orphan.txt"), ticketId: ticket.id, entryId: null } });
    return { link: linkOf(opened.linkPath), own: ticket.attachments[0], onNote, onReply, orphan };
  }

  it("serves files on the requester's messages and on agents' replies", async () => {
    const { link, own, onReply } = await ticketWithFiles();
    expect(await getRequesterAttachment(t.db, link.number, link.token, own.id)).toMatchObject({ fileName: "printer.log", storageKey: own.storageKey });
    expect(await getRequesterAttachment(t.db, link.number, link.token, onReply.id)).toMatchObject({ fileName: "fix.txt" });
  });

  it("never serves a file on an internal note, nor one detached from its entry", async () => {
    const { link, onNote, orphan } = await ticketWithFiles();
    await expectNotFound(getRequesterAttachment(t.db, link.number, link.token, onNote.id));
    await expectNotFound(getRequesterAttachment(t.db, link.number, link.token, orphan.id));
    const view = await getRequesterView(t.db, link.number, link.token);
    expect(view.entries.flatMap((e) => e.attachments.map((a) => a.fileName)).sort()).toEqual(["fix.txt", "printer.log"]);
  });

  it("refuses another ticket's file, a wrong token and an unknown number alike", async () => {
    const a = await ticketWithFiles();
    const b = await ticketWithFiles();
    await expectNotFound(getRequesterAttachment(t.db, a.link.number, a.link.token, b.own.id));
    await expectNotFound(getRequesterAttachment(t.db, a.link.number, b.link.token, a.own.id));
    // One character changed (never to the one it already is: that would be the real token).
    const tampered = `${a.link.token.slice(0, -1)}${a.link.token.endsWith("x") ? "y" : "x"}`;
    await expectNotFound(getRequesterAttachment(t.db, a.link.number, tampered, a.own.id));
    await expectNotFound(getRequesterAttachment(t.db, "nope", a.link.token, a.own.id));
  });

  it("opens one ticket when the same form arrives twice at once", async () => {
    const support = await department(t.db, `Support ${uid()}`);
    const topic = await helpTopic(t.db, support.id);
    const clientKey = crypto.randomUUID();
    const input = { name: "Ken", email: `ken-${uid()}@example.com`, helpTopicId: topic.id, subject: "Twice at once", message: "Hello", clientKey };
    const [a, b, c] = await Promise.all([openTicket(t.db, input), openTicket(t.db, input), openTicket(t.db, input)]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await t.db.ticket.count({ where: { clientKey } })).toBe(1);
  });

  it("keeps no files of a resubmitted form or reply: the copy's uploads are removed", async () => {
    const support = await department(t.db, `Support ${uid()}`);
    const topic = await helpTopic(t.db, support.id);
    const upload = () => writeFiles([{ fileName: "log.txt", contentType: "text/plain", bytes: Buffer.from("log") }]);
    const onDisk = (files: { storageKey: string }[]) => files.map((f) => fs.existsSync(path.join(attachmentsDir(), f.storageKey)));
    const input = { name: "Ken", email: `ken-${uid()}@example.com`, helpTopicId: topic.id, subject: "Sent twice", message: "Hello", clientKey: crypto.randomUUID() };
    const first = await upload();
    const opened = await openTicket(t.db, input, first);
    const copy = await upload();
    expect(await openTicket(t.db, input, copy)).toEqual(opened);
    expect(onDisk(first)).toEqual([true]);
    expect(onDisk(copy)).toEqual([false]);

    const link = linkOf(opened.linkPath);
    const reply = { message: "Once", clientKey: crypto.randomUUID() };
    const replyFiles = await upload();
    await requesterReply(t.db, link.number, link.token, reply, replyFiles);
    const replyCopy = await upload();
    await requesterReply(t.db, link.number, link.token, reply, replyCopy);
    expect(onDisk(replyFiles)).toEqual([true]);
    expect(onDisk(replyCopy)).toEqual([false]);
  });

  it("posts one reply when the same reply arrives twice at once", async () => {
    const { link } = await ticketWithFiles();
    const clientKey = crypto.randomUUID();
    await Promise.all([1, 2, 3].map(() => requesterReply(t.db, link.number, link.token, { message: "Once only", clientKey })));
    const view = await getRequesterView(t.db, link.number, link.token);
    expect(view.entries.filter((e) => e.body === "Once only")).toHaveLength(1);
  });
});
