// Agents answering alerts by mail, against real SQLite and PostgreSQL. The alert's Message-ID
// carries a reply token; the mail is the agent's only with a valid token, from that agent's
// address, an active account and the permission for the step. Every other case must be handled
// exactly like anyone's mail: threaded only when from the requester, else a new ticket.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestMessage } from "@/lib/mail/inbound/ingest";
import { saveSettings } from "@/lib/settings/store";
import { replyToTicket, transferTicket } from "@/lib/tickets/agent-steps";
import { openTicket } from "@/lib/tickets/requester-service";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { actorFor, department, helpTopic, staff, uid } from "./factories";
import { rawMail, type MailSpec } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-staff-mail-"));

describe.each(testDatabaseKinds())("agents answering by mail on %s", (kind) => {
  let t: TestDatabase;
  let deptId: number;
  let otherDeptId: number;
  let topicId: number;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    deptId = (await department(t.db)).id;
    otherDeptId = (await department(t.db)).id;
    topicId = (await helpTopic(t.db, deptId)).id;
    await saveSettings(t.db, { helpdeskUrl: "https://help.example.com", helpdeskName: "ACME Help", mailDefaultHelpTopicId: topicId });
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** A ticket opened on the web, and the alert mail each agent of the department got about it. */
  async function ticketWithAlerts() {
    const requester = `req-${uid()}@example.com`;
    const opened = await openTicket(t.db, { name: "Ken Adams", email: requester, helpTopicId: topicId, subject: "VPN down", message: "Since 9am." });
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number: opened.number } });
    const alerts = await t.db.outboxMessage.findMany({ where: { ticketId: ticket.id, subject: { startsWith: "New ticket:" } } });
    const alertIdFor = (email: string) => JSON.parse(alerts.find((a) => a.toAddress === email)!.headers)["Message-ID"] as string;
    return { ticket, requester, alertIdFor };
  }
  const ingest = (m: MailSpec) => ingestMessage(t.db, rawMail(m), { mailbox: "test" });
  const entriesOf = (ticketId: number) => t.db.threadEntry.findMany({ where: { ticketId }, orderBy: { id: "asc" } });
  const quoted = "\n\nOn Mon, 3 Feb 2025 at 10:00, ACME Help <help@example.com> wrote:\n> Ken Adams opened #1 in Support.\n>\n> Reply to this email to add an internal note";

  async function expectTreatedAsAnyonesMail(ticket: { id: number; number: string }, result: Awaited<ReturnType<typeof ingest>>) {
    expect(result).toMatchObject({ state: "STORED", created: true });
    expect(result.ticketNumber).not.toBe(ticket.number);
    expect((await entriesOf(ticket.id)).map((e) => e.kind)).toEqual(["MESSAGE"]);
  }

  it("says in the alert how to answer by mail", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const { ticket } = await ticketWithAlerts();
    const alert = await t.db.outboxMessage.findFirstOrThrow({ where: { ticketId: ticket.id, toAddress: agent.email } });
    expect(alert.textBody).toContain("Reply to this email to add an internal note; start your reply with #reply to answer the requester.");
    expect(alert.subject).toBe(`New ticket: [#${ticket.number}] VPN down`);
  });

  it("posts an agent's answer as an internal note, quote trimmed, with a history event", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const { ticket, requester, alertIdFor } = await ticketWithAlerts();
    const outboxBefore = await t.db.outboxMessage.count({ where: { toAddress: requester } });
    const raw = rawMail({ from: `Agent <${agent.email.toUpperCase()}>`, subject: `Re: New ticket: [#${ticket.number}] VPN down`, body: `Checked the logs: the tunnel restarts hourly.${quoted}`, inReplyTo: alertIdFor(agent.email) });
    const result = await ingestMessage(t.db, raw, { mailbox: "test" });
    expect(result).toMatchObject({ state: "STORED", created: false, ticketNumber: ticket.number });
    const entries = await entriesOf(ticket.id);
    expect(entries.map((e) => [e.kind, e.authorStaffId, e.body, e.source])).toEqual([["MESSAGE", null, "Since 9am.", "WEB"], ["NOTE", agent.id, "Checked the logs: the tunnel restarts hourly.", "EMAIL"]]);
    const history = await t.db.historyEvent.findMany({ where: { ticketId: ticket.id, actorStaffId: agent.id } });
    expect(history.map((h) => h.type)).toEqual(["noted"]);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(ticket.version + 1);
    // A note is internal: nothing goes to the requester.
    expect(await t.db.outboxMessage.count({ where: { toAddress: requester } })).toBe(outboxBefore);
    expect(await t.db.inboundMessage.findUniqueOrThrow({ where: { id: result.inboundId } })).toMatchObject({ state: "STORED", ticketId: ticket.id });
    // The same mail delivered again changes nothing.
    expect(await ingestMessage(t.db, raw, { mailbox: "test" })).toMatchObject({ state: "DUPLICATE" });
    expect(await entriesOf(ticket.id)).toHaveLength(2);
    // The note's own Message-ID never travels to the requester in a later mail's References.
    const noteMessageId = (await entriesOf(ticket.id))[1].messageId!;
    const current = await t.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await replyToTicket(t.db, await actorFor(t.db, agent.id), { ticketId: ticket.id, version: current.version, body: "On it." });
    const toRequester = await t.db.outboxMessage.findFirstOrThrow({ where: { toAddress: requester, subject: { startsWith: "Re:" } } });
    expect(noteMessageId).toBeTruthy();
    expect(toRequester.headers).not.toContain(noteMessageId);
  });

  it("sends a #reply answer to the requester through the outbox, without the #reply line", async () => {
    const agent = await staff(t.db, { departments: [deptId], role: "Limited access" });
    const { ticket, requester, alertIdFor } = await ticketWithAlerts();
    const result = await ingest({ from: agent.email, subject: `Re: [#${ticket.number}] VPN down`, body: `#reply\nHello Ken,\nplease restart the client.${quoted}`, inReplyTo: alertIdFor(agent.email) });
    expect(result).toMatchObject({ state: "STORED", created: false, ticketNumber: ticket.number });
    const reply = (await entriesOf(ticket.id)).at(-1)!;
    expect(reply).toMatchObject({ kind: "REPLY", authorStaffId: agent.id, body: "Hello Ken,\nplease restart the client.", source: "EMAIL" });
    const mail = await t.db.outboxMessage.findFirstOrThrow({ where: { toAddress: requester, subject: { startsWith: "Re:" } } });
    expect(mail.subject).toBe(`Re: [#${ticket.number}] VPN down`);
    expect(mail.textBody).toMatch(/^Hello Ken,\nplease restart the client\./);
    expect(mail.textBody).not.toContain("#reply");
    expect((await t.db.historyEvent.findMany({ where: { ticketId: ticket.id, actorStaffId: agent.id } })).map((h) => h.type)).toEqual(["replied"]);
  });

  it("treats a forged token (wrong MAC, or another agent's id) as anyone's mail", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const { ticket, alertIdFor } = await ticketWithAlerts();
    const real = alertIdFor(agent.email);
    const badMac = real.replace(/([a-f0-9])@/, (_, c: string) => `${c === "0" ? "1" : "0"}@`);
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: agent.email, subject: "Re: VPN down", body: "Let me in.", inReplyTo: badMac }));
    const other = await staff(t.db, { departments: [deptId] });
    const swapped = real.replace(`sr_${agent.id}_`, `sr_${other.id}_`);
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: other.email, subject: "Re: VPN down", body: "Let me in.", inReplyTo: swapped }));
  });

  it("treats a valid token from a different sender as that sender's mail: the requester's threads as theirs", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const colleague = await staff(t.db, { departments: [deptId] });
    const { ticket, requester, alertIdFor } = await ticketWithAlerts();
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: colleague.email, subject: "Re: VPN down", body: "Not mine.", inReplyTo: alertIdFor(agent.email) }));
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: `x-${uid()}@example.com`, subject: "Re: VPN down", body: "Not mine.", inReplyTo: alertIdFor(agent.email) }));
    const fromRequester = await ingest({ from: requester, subject: "Re: VPN down", body: "#reply\nI am the requester.", inReplyTo: alertIdFor(agent.email) });
    expect(fromRequester).toMatchObject({ state: "STORED", created: false, ticketNumber: ticket.number });
    expect((await entriesOf(ticket.id)).at(-1)).toMatchObject({ kind: "MESSAGE", authorStaffId: null, body: "#reply\nI am the requester." });
  });

  it("treats a deactivated agent's answer as anyone's mail", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const { ticket, alertIdFor } = await ticketWithAlerts();
    await t.db.staff.update({ where: { id: agent.id }, data: { active: false } });
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: agent.email, subject: "Re: VPN down", body: "Still here?", inReplyTo: alertIdFor(agent.email) }));
  });

  it("treats an answer the agent may not make as anyone's mail: #reply without ticket.reply, or a ticket out of reach", async () => {
    const viewer = await staff(t.db, { departments: [deptId], role: "View only" });
    const mover = await staff(t.db, { departments: [deptId, otherDeptId] });
    const { ticket, alertIdFor } = await ticketWithAlerts();
    await expectTreatedAsAnyonesMail(ticket, await ingest({ from: viewer.email, subject: "Re: VPN down", body: "#reply\nHello Ken", inReplyTo: alertIdFor(viewer.email) }));

    const agent = await staff(t.db, { departments: [deptId] });
    const second = await ticketWithAlerts();
    const alertId = second.alertIdFor(agent.email);
    await transferTicket(t.db, await actorFor(t.db, mover.id), { ticketId: second.ticket.id, version: second.ticket.version, departmentId: otherDeptId, reason: "Network team" });
    const result = await ingest({ from: agent.email, subject: "Re: VPN down", body: "A note", inReplyTo: alertId });
    expect(result).toMatchObject({ state: "STORED", created: true });
    expect((await entriesOf(second.ticket.id)).map((e) => e.kind)).toEqual(["MESSAGE"]);
  });

  it("ignores an agent's out-of-office answer to an alert", async () => {
    const agent = await staff(t.db, { departments: [deptId] });
    const { ticket, alertIdFor } = await ticketWithAlerts();
    const result = await ingest({ from: agent.email, subject: "Out of office", body: "Back Monday.", inReplyTo: alertIdFor(agent.email), headers: { "Auto-Submitted": "auto-replied" } });
    expect(result).toMatchObject({ state: "IGNORED", ticketNumber: ticket.number });
    expect((await entriesOf(ticket.id)).map((e) => e.kind)).toEqual(["MESSAGE"]);
  });
});
