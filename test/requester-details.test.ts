// What is stored about a requester changes only when an agent edits it: the public form and
// inbound mail, which anyone can send with any address, never overwrite a requester's name or phone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { AppError } from "@/lib/server/errors";
import { saveSettings } from "@/lib/settings/store";
import { addNote, transferTicket } from "@/lib/tickets/agent-steps";
import { editRequester } from "@/lib/tickets/requester-edit";
import { ZEditRequester } from "@/lib/tickets/requester-edit-schema";
import { openTicket } from "@/lib/tickets/requester-service";
import { ticketWorkspace } from "@/lib/tickets/workspace-query";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-requester-files-"));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(testDatabaseKinds())("requester details on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  let departmentId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    departmentId = (await department(t.db)).id;
    topicId = (await helpTopic(t.db, departmentId)).id;
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const requesterOf = (email: string) => t.db.requester.findUniqueOrThrow({ where: { email } });

  it("keeps an existing requester's name and phone whatever a later form or mail from their address says", async () => {
    const email = `ken-${uid()}@example.com`;
    await openTicket(t.db, { name: "Ken Adams", email, phone: "+49 30 1234", helpTopicId: topicId, subject: "First", message: "Hello" });
    // A stranger uses Ken's address on the public form, with another name and phone, and by mail.
    const spoofed = await openTicket(t.db, { name: "Mallory", email: email.toUpperCase(), phone: "+1 555 0000", helpTopicId: topicId, subject: "Second", message: "Call me" });
    await ingestMessage(t.db, rawMail({ from: `Evil Twin <${email}>`, subject: "Third", body: "By mail" }), { mailbox: "test" });
    expect(await requesterOf(email)).toMatchObject({ name: "Ken Adams", phone: "+49 30 1234" });
    // All three tickets are Ken's, and every one shows what Ken gave.
    const tickets = await t.db.ticket.findMany({ where: { requester: { email } }, include: { requester: true } });
    expect(tickets.map((x) => x.requester.name)).toEqual(["Ken Adams", "Ken Adams", "Ken Adams"]);
    expect(tickets.map((x) => x.number)).toContain(spoofed.number);
  });

  it("lets an agent who may reply edit the requester, recorded in the ticket's history; refuses everyone else", async () => {
    const email = `ann-${uid()}@example.com`;
    const opened = await openTicket(t.db, { name: "Ann", email, helpTopicId: topicId, subject: "Printer", message: "Jammed" });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } });
    const member = await actorFor(t.db, (await staff(t.db, { departments: [departmentId] })).id);
    const elsewhere = await department(t.db);
    const outsider = await actorFor(t.db, (await staff(t.db, { departments: [elsewhere.id] })).id);

    const edited = await editRequester(t.db, member, { ticketId: ticket.id, version: ticket.version, name: "Ann Smith", phone: "+44 20 7946 0000" });
    expect(await requesterOf(email)).toMatchObject({ name: "Ann Smith", phone: "+44 20 7946 0000" });
    const ws = await ticketWorkspace(t.db, member, opened.number);
    expect(ws?.ticket.requester).toMatchObject({ name: "Ann Smith", phone: "+44 20 7946 0000" });
    expect(ws?.history.at(-1)?.text).toBe(`${member.name} changed the requester's details from Ann to Ann Smith (+44 20 7946 0000)`);

    // Twice in a row on the same page: the second edit needs the new version, and may clear the phone.
    expect((await failure(editRequester(t.db, member, { ticketId: ticket.id, version: ticket.version, name: "Ann S.", phone: "" }))).code).toBe("CONFLICT");
    await editRequester(t.db, member, { ticketId: ticket.id, version: edited.version, name: "Ann S.", phone: "" });
    expect(await requesterOf(email)).toMatchObject({ name: "Ann S.", phone: null });
    const nothing = await failure(editRequester(t.db, member, { ticketId: ticket.id, version: edited.version + 1, name: "Ann S.", phone: "" }));
    expect(nothing.code).toBe("INVALID");
    expect(nothing.fieldErrors.name).toMatch(/Nothing changed/);

    // An agent of another department does not find the ticket; a follower from a transfer may only note.
    expect((await failure(editRequester(t.db, outsider, { ticketId: ticket.id, version: edited.version + 1, name: "X", phone: "" }))).code).toBe("NOT_FOUND");
    let v = (await addNote(t.db, member, { ticketId: ticket.id, version: edited.version + 1, body: "Following" })).version;
    v = (await transferTicket(t.db, member, { ticketId: ticket.id, version: v, departmentId: elsewhere.id, reason: "Theirs" })).version;
    expect((await failure(editRequester(t.db, member, { ticketId: ticket.id, version: v, name: "Y", phone: "" }))).code).toBe("FORBIDDEN");
    expect(await requesterOf(email)).toMatchObject({ name: "Ann S.", phone: null });
  });

  it("gives the form a clear message for each bad field", () => {
    const result = ZEditRequester.safeParse({ ticketId: 1, version: 1, name: "  ", phone: "call me maybe" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ name: "Enter the requester's name.", phone: "Use digits, spaces and + ( ) - only." });
  });
});
