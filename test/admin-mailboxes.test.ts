// The IMAP mailbox admin services against real SQLite and PostgreSQL: validation, the password that
// never comes back out, audit rows, refusals, and the two checks against a real Dovecot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailbox, deleteMailbox, listMailboxes, mailboxForEdit, pollMailboxNow, testMailboxConnection, updateMailbox } from "@/lib/mail/admin/mailboxes";
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/server/errors";
import { openSecret } from "@/lib/server/secret-box";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { startImapServer, type ImapTestServer } from "./imap-server";
import { needTool } from "./tools";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";

async function appError(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const dovecot = needTool("dovecot");
let server: ImapTestServer;
beforeAll(async () => {
  server = await startImapServer();
});
afterAll(async () => {
  await server?.stop();
});

describe.each(testDatabaseKinds())("IMAP mailbox admin on %s", dovecot.options, (kind) => {
  let t: TestDatabase;
  let admin: StaffActor;
  let agent: StaffActor;
  let topicId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    admin = await actorFor(t.db, (await staff(t.db, { admin: true })).id);
    const dept = await department(t.db);
    agent = await actorFor(t.db, (await staff(t.db, { departments: [dept.id] })).id);
    topicId = (await helpTopic(t.db, dept.id)).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const input = (extra: Record<string, unknown> = {}) => ({ name: `Inbox ${uid()}`, host: server.host, port: String(server.port), secure: false, username: `u${uid()}`, password: server.password, folder: "INBOX", helpTopicId: String(topicId), active: true, ...extra });

  it("creates a mailbox, keeps the password out of reads and the audit log, and keeps it when edited blank", async () => {
    const created = await createMailbox(t.db, admin, input());
    const read = await mailboxForEdit(t.db, admin, created.id);
    expect(read).not.toHaveProperty("password");
    expect((await listMailboxes(t.db, admin)).every((m) => !("password" in m))).toBe(true);
    await updateMailbox(t.db, admin, { ...input({ name: created.name, folder: "INBOX" }), id: created.id, username: read!.username, password: "" });
    const stored = (await t.db.imapMailbox.findUniqueOrThrow({ where: { id: created.id } })).password;
    expect(stored).toMatch(/^sb1\./); // sealed at rest
    expect(openSecret(stored)).toBe(server.password);
    await updateMailbox(t.db, admin, { ...input({ name: created.name }), id: created.id, username: read!.username, password: "a-new-password" });
    expect(openSecret((await t.db.imapMailbox.findUniqueOrThrow({ where: { id: created.id } })).password)).toBe("a-new-password");
    const audit = await t.db.auditLog.findMany({ where: { entity: "imap-mailbox", entityId: String(created.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "update"]);
    expect(JSON.stringify(audit)).not.toContain(server.password);
    expect(JSON.stringify(audit)).not.toContain("a-new-password");
    expect(JSON.parse(audit[2].after!)).toMatchObject({ password: "(changed)" });
  });

  it("answers bad input with field errors: duplicate name, bad host and port, missing password, unknown topic", async () => {
    const first = await createMailbox(t.db, admin, input());
    const error = await appError(createMailbox(t.db, admin, input({ name: first.name, host: "not a host!", port: "70000", password: "", helpTopicId: "999999" })));
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["host", "password", "port"]);
    const taken = await appError(createMailbox(t.db, admin, input({ name: first.name, helpTopicId: "999999" })));
    expect(Object.keys(taken.fieldErrors).sort()).toEqual(["helpTopicId", "name"]);
  });

  it("refuses agents everything", async () => {
    const created = await createMailbox(t.db, admin, input());
    for (const call of [createMailbox(t.db, agent, input()), listMailboxes(t.db, agent), testMailboxConnection(t.db, agent, { id: created.id }), pollMailboxNow(t.db, agent, { id: created.id }), deleteMailbox(t.db, agent, { id: created.id })]) {
      expect((await appError(call)).code).toBe("FORBIDDEN");
    }
  });

  it("tests the connection and polls on request, audited, and deletes", async () => {
    const good = await createMailbox(t.db, admin, input());
    expect(await testMailboxConnection(t.db, admin, { id: good.id })).toMatchObject({ ok: true, message: expect.stringMatching(/Connected and signed in/) });
    expect(await pollMailboxNow(t.db, admin, { id: good.id })).toMatchObject({ ok: true, message: `${good.name}: no new mail.` });
    const bad = await createMailbox(t.db, admin, input({ password: "wrong-password" }));
    expect(await testMailboxConnection(t.db, admin, { id: bad.id })).toMatchObject({ ok: false, message: expect.stringMatching(/Sign-in refused/) });
    expect(await pollMailboxNow(t.db, admin, { id: bad.id })).toMatchObject({ ok: false, message: expect.stringMatching(/poll failed.*Sign-in refused/) });
    expect((await mailboxForEdit(t.db, admin, bad.id))?.lastError).toMatch(/Sign-in refused/);
    const actions = await t.db.auditLog.findMany({ where: { entity: "imap-mailbox", entityId: String(bad.id) }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["create", "test-connection", "poll"]);
    await deleteMailbox(t.db, admin, { id: bad.id });
    expect(await mailboxForEdit(t.db, admin, bad.id)).toBeNull();
    expect((await appError(deleteMailbox(t.db, admin, { id: bad.id }))).code).toBe("NOT_FOUND");
  });
});
