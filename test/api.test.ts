// The osTicket-compatible API (ticket creation and the mail pipe) with real Request objects against
// real SQLite and PostgreSQL: keys, scopes, revocation, address ranges, sizes, attachments.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashApiKey } from "@/lib/api/api-keys";
import { handleTicketApi } from "@/lib/api/create-ticket";
import { handlePipedMail, MAX_PIPED_MAIL_BYTES } from "@/lib/api/pipe-mail";
import type { Db } from "@/lib/server/prisma";
import { saveSettings } from "@/lib/settings/store";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";
import { department, helpTopic, uid } from "./factories";
import { rawMail } from "./mail-fixtures";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-123";
process.env.ATTACHMENTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "helpdesk-api-files-"));

async function apiKey(db: Db, opts: { scopes: string; allowedIps?: string; revoked?: boolean }) {
  const key = `hd_${crypto.randomBytes(24).toString("base64url")}`;
  const row = await db.apiKey.create({ data: { label: `Key ${uid()}`, keyHash: hashApiKey(key), prefix: key.slice(0, 8), scopes: opts.scopes, allowedIps: opts.allowedIps ?? "", revokedAt: opts.revoked ? new Date() : null } });
  return { key, id: row.id };
}

const post = (url: string, body: BodyInit, headers: Record<string, string>) => new Request(`http://localhost${url}`, { method: "POST", body, headers });
const json = (key: string, payload: unknown, extra: Record<string, string> = {}) => post("/api/tickets.json", JSON.stringify(payload), { "Content-Type": "application/json", "X-API-Key": key, ...extra });

describe.each(testDatabaseKinds())("ticket API and mail pipe on %s", (kind) => {
  let t: TestDatabase;
  let topicId: number;
  let ticketsKey: string;
  let pipeKey: string;
  beforeAll(async () => {
    // As in the production server: the server entry writes the socket's address into X-Helpdesk-Peer.
    (globalThis as Record<symbol, unknown>)[Symbol.for("helpdesk.edge")] = { peerHeader: true };
    t = await createTestDatabase(kind);
    topicId = (await helpTopic(t.db, (await department(t.db)).id)).id;
    await saveSettings(t.db, { mailDefaultHelpTopicId: topicId });
    ticketsKey = (await apiKey(t.db, { scopes: "tickets:create" })).key;
    pipeKey = (await apiKey(t.db, { scopes: "mail:pipe", allowedIps: "10.0.0.0/8, 2001:db8::/32" })).key;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const good = () => ({ name: "Ken Adams", email: `ken-${uid()}@example.com`, subject: "Printer on fire", message: "Please send help." });

  it("creates a ticket: 201 with the number as plain text, source API, key recorded as used", async () => {
    const res = await handleTicketApi(t.db, json(ticketsKey, { ...good(), topicId, phone: "+49 30 1234" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const number = (await res.text()).trim();
    const ticket = await t.db.ticket.findUniqueOrThrow({ where: { number }, include: { requester: true, entries: true } });
    expect(ticket).toMatchObject({ source: "API", subject: "Printer on fire", helpTopicId: topicId });
    expect(ticket.requester.phone).toBe("+49 30 1234");
    expect(ticket.entries.map((e) => e.body)).toEqual(["Please send help."]);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { keyHash: hashApiKey(ticketsKey) } })).lastUsedAt).not.toBeNull();
  });

  it("sanitises an HTML message given as a data URL and stores its text", async () => {
    const html = `<p>Hello <b>there</b><script>alert(1)</script><img src="http://x/p.gif"></p>`;
    const res = await handleTicketApi(t.db, json(ticketsKey, { ...good(), message: `data:text/html;charset=utf-8,${encodeURIComponent(html)}` }));
    expect(res.status).toBe(201);
    const entry = await t.db.threadEntry.findFirstOrThrow({ where: { ticket: { number: (await res.text()).trim() } } });
    expect(entry).toMatchObject({ body: "Hello there", bodyHtml: "<p>Hello <b>there</b></p>" });
  });

  it("decodes and stores a data URL attachment", async () => {
    const res = await handleTicketApi(t.db, json(ticketsKey, { ...good(), attachments: [{ "file.txt": `data:text/plain;base64,${Buffer.from("log line\n").toString("base64")}` }] }));
    expect(res.status).toBe(201);
    const files = await t.db.attachment.findMany({ where: { ticket: { number: (await res.text()).trim() } } });
    expect(files.map((f) => [f.fileName, f.contentType, f.size])).toEqual([["file.txt", "text/plain", 9]]);
  });

  it("refuses an oversized attachment with 400 and stores nothing", async () => {
    const before = await t.db.ticket.count();
    const big = Buffer.alloc(11 * 1024 * 1024, 0x61).toString("base64");
    const res = await handleTicketApi(t.db, json(ticketsKey, { ...good(), attachments: [{ "big.txt": `data:text/plain;base64,${big}` }] }));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/larger than 10 MB/);
    expect(await t.db.ticket.count()).toBe(before);
  });

  it.each([
    ["no key", {}, 401],
    ["an unknown key", { "X-API-Key": "hd_not-a-real-key" }, 401],
  ])("answers %s with 401", async (_name, headers, status) => {
    const res = await handleTicketApi(t.db, post("/api/tickets.json", JSON.stringify(good()), { "Content-Type": "application/json", ...headers }));
    expect(res.status).toBe(status);
  });

  it("answers a key without the scope, a revoked key and an address outside the ranges with 403", async () => {
    const revoked = (await apiKey(t.db, { scopes: "tickets:create", revoked: true })).key;
    const ranged = (await apiKey(t.db, { scopes: "tickets:create", allowedIps: "192.168.0.0/16" })).key;
    expect((await handleTicketApi(t.db, json(pipeKey, good(), { "X-Helpdesk-Peer": "10.0.0.1" }))).status).toBe(403);
    expect((await handleTicketApi(t.db, json(revoked, good()))).status).toBe(403);
    // Without a trusted proxy the socket's address counts, whatever X-Forwarded-For claims.
    const outside = await handleTicketApi(t.db, json(ranged, good(), { "X-Helpdesk-Peer": "203.0.113.9", "X-Forwarded-For": "192.168.1.1" }));
    expect([outside.status, (await outside.text()).trim()]).toEqual([403, "Source IP not authorized"]);
    expect((await handleTicketApi(t.db, json(ranged, good(), { "X-Helpdesk-Peer": "192.168.1.1" }))).status).toBe(201);
    // Behind a trusted proxy (IIS with ARR): the right-most entry it appended, port and all; what the client wrote first is not believed.
    vi.stubEnv("TRUSTED_PROXIES", "127.0.0.1");
    expect((await handleTicketApi(t.db, json(ranged, good(), { "X-Helpdesk-Peer": "127.0.0.1", "X-Forwarded-For": "6.6.6.6, 192.168.1.1:51234" }))).status).toBe(201);
    expect((await handleTicketApi(t.db, json(ranged, good(), { "X-Helpdesk-Peer": "127.0.0.1", "X-Forwarded-For": "192.168.1.1, 203.0.113.9:51234" }))).status).toBe(403);
    vi.unstubAllEnvs();
    expect((await handleTicketApi(t.db, json(ranged, good()))).status).toBe(403); // no address known: refused
  });

  it("answers bad input with 400 in plain text", async () => {
    const bad = await handleTicketApi(t.db, json(ticketsKey, { ...good(), email: "not-an-email" }));
    expect([bad.status, (await bad.text()).trim()]).toEqual([400, "email: Enter a valid email address, like name@example.com."]);
    expect((await handleTicketApi(t.db, json(ticketsKey, { name: "x" }))).status).toBe(400);
    expect((await handleTicketApi(t.db, post("/api/tickets.json", "{not json", { "Content-Type": "application/json", "X-API-Key": ticketsKey }))).status).toBe(400);
    expect((await handleTicketApi(t.db, json(ticketsKey, { ...good(), topicId: 999_999 }))).status).toBe(400);
  });

  describe("POST /api/tickets.email", () => {
    const pipe = (body: BodyInit, headers: Record<string, string> = {}) => post("/api/tickets.email", body, { "X-API-Key": pipeKey, "X-Helpdesk-Peer": "10.1.2.3", "Content-Type": "message/rfc822", ...headers });

    it("stores a piped message: 201 with the ticket number; the same message again changes nothing", async () => {
      const raw = rawMail({ from: `piped-${uid()}@example.com`, subject: "Piped", body: "Through the pipe." });
      const res = await handlePipedMail(t.db, pipe(new Uint8Array(raw)));
      expect(res.status).toBe(201);
      const number = (await res.text()).trim();
      expect(await t.db.ticket.findUniqueOrThrow({ where: { number } })).toMatchObject({ source: "EMAIL", subject: "Piped" });
      const again = await handlePipedMail(t.db, pipe(new Uint8Array(raw)));
      expect([again.status, (await again.text()).trim()]).toEqual([201, number]);
      expect(await t.db.threadEntry.count({ where: { ticket: { number } } })).toBe(1);
    });

    it("refuses bad keys, other scopes and other addresses", async () => {
      const raw = new Uint8Array(rawMail({ from: "x@example.com", subject: "x", body: "x" }));
      expect((await handlePipedMail(t.db, pipe(raw, { "X-API-Key": "wrong" }))).status).toBe(401);
      expect((await handlePipedMail(t.db, pipe(raw, { "X-API-Key": ticketsKey }))).status).toBe(403);
      expect((await handlePipedMail(t.db, pipe(raw, { "X-Helpdesk-Peer": "172.16.0.1" }))).status).toBe(403);
      expect((await handlePipedMail(t.db, pipe(raw, { "X-Helpdesk-Peer": "2001:db8::7" }))).status).toBe(201);
    });

    it("refuses an empty body with 400 and an oversized one with 413, storing nothing", async () => {
      const before = await t.db.inboundMessage.count();
      expect((await handlePipedMail(t.db, pipe(""))).status).toBe(400);
      const huge = Buffer.concat([rawMail({ from: "big@example.com", subject: "Big", body: "x" }), Buffer.alloc(MAX_PIPED_MAIL_BYTES, 0x61)]);
      // Without Content-Length (a stream), the limit is enforced while reading.
      const stream = new ReadableStream({ start(c) { for (let i = 0; i < huge.length; i += 1 << 20) c.enqueue(new Uint8Array(huge.subarray(i, i + (1 << 20)))); c.close(); } });
      const res = await handlePipedMail(t.db, new Request("http://localhost/api/tickets.email", { method: "POST", body: stream, headers: { "X-API-Key": pipeKey, "X-Helpdesk-Peer": "10.1.2.3" }, duplex: "half" } as RequestInit));
      expect(res.status).toBe(413);
      expect((await handlePipedMail(t.db, pipe("x", { "Content-Length": String(MAX_PIPED_MAIL_BYTES + 1) }))).status).toBe(413);
      expect(await t.db.inboundMessage.count()).toBe(before);
    });
  });

  it("the route modules are thin wrappers over the db from DATABASE_URL", async () => {
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    delete (globalThis as { helpdeskDb?: unknown }).helpdeskDb;
    try {
      const route = await import("@/app/api/tickets.json/route");
      const res = await route.POST(json(ticketsKey, good()));
      expect(res.status).toBe(201);
      const { db } = await import("@/lib/server/db");
      await db.$disconnect();
    } finally {
      process.env.DATABASE_URL = saved;
      delete (globalThis as { helpdeskDb?: unknown }).helpdeskDb;
    }
  });
});
