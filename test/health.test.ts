// /api/health's report, on both databases, and with a database that does not answer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/server/database-url";
import { checkHealth } from "@/lib/server/health";
import { acquireLease } from "@/lib/server/lease";
import { createDb } from "@/lib/server/prisma";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "./databases";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "health data "));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe.each(testDatabaseKinds())("health on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it("reports ok with free disk, and no mail work yet", async () => {
    const { httpStatus, report } = await checkHealth(t.db, { dataDir });
    expect(httpStatus).toBe(200);
    expect(report.status).toBe("ok");
    expect(report.outbox).toEqual({ pending: 0, due: 0, failed: 0, oldestDueSeconds: null, sender: "none" });
    expect(report.mail).toMatchObject({ activeMailboxes: 0, lastPollAt: null, poller: "none" });
    expect(report.disk!.freeBytes).toBeGreaterThan(0);
    expect(report.disk!.totalBytes).toBeGreaterThanOrEqual(report.disk!.freeBytes);
  });

  it("reports the outbox backlog, the last poll, live processes and who sends and polls", async () => {
    const now = new Date();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    await t.db.outboxMessage.createMany({
      data: [
        { toAddress: "a@example.com", subject: "due long ago", textBody: "x", nextAttemptAt: minutesAgo(20) },
        { toAddress: "b@example.com", subject: "due now", textBody: "x", nextAttemptAt: minutesAgo(1) },
        { toAddress: "c@example.com", subject: "retry later", textBody: "x", nextAttemptAt: new Date(now.getTime() + 60_000) },
        { toAddress: "d@example.com", subject: "gave up", textBody: "x", state: "FAILED" },
        { toAddress: "e@example.com", subject: "sent", textBody: "x", state: "SENT" },
      ],
    });
    await t.db.imapMailbox.create({ data: { name: "support", host: "imap.example.com", username: "support", password: "mailbox-secret-1", lastPolledAt: minutesAgo(2) } });
    await t.db.imapMailbox.create({ data: { name: "sales", host: "imap.example.com", username: "sales", password: "mailbox-secret-2", lastPolledAt: minutesAgo(5), lastError: "authentication failed for sales@example.com" } });
    await acquireLease(t.db, "server:host:1:a", "host:1:a", 30_000);
    await acquireLease(t.db, "server:host:2:b", "host:2:b", 30_000);
    await acquireLease(t.db, "server:host:3:c", "host:3:c", 30_000, minutesAgo(10));
    await acquireLease(t.db, "outbox-sender", "host:1:a", 30_000);
    const { httpStatus, report } = await checkHealth(t.db, { dataDir, now });
    expect(httpStatus).toBe(200);
    expect(report.status).toBe("degraded");
    expect(report.problems).toEqual(["mail has waited in the outbox for over 15 minutes", "a mailbox's last poll failed"]);
    expect(report.processes).toBe(2);
    expect(report.outbox).toEqual({ pending: 3, due: 2, failed: 1, oldestDueSeconds: 1200, sender: "running" });
    expect(report.mail).toEqual({ activeMailboxes: 2, failingMailboxes: 1, lastPollAt: minutesAgo(2).toISOString(), poller: "none" });
    // Counts and times only: no names, addresses, errors or secrets.
    const text = JSON.stringify(report);
    for (const secret of ["support", "sales", "imap.example.com", "mailbox-secret", "authentication failed", "a@example.com", dataDir]) expect(text).not.toContain(secret);
  });
});

describe("health without a database", () => {
  it("answers 503 with no detail of the failure", async () => {
    const db = createDb(databaseTarget("postgresql://helpdesk:db-password-42@127.0.0.1:1/helpdesk"));
    try {
      const { httpStatus, report } = await checkHealth(db, { dataDir });
      expect(httpStatus).toBe(503);
      expect(report).toMatchObject({ status: "database unavailable", database: "unavailable" });
      expect(JSON.stringify(report)).not.toMatch(/db-password-42|127\.0\.0\.1|ECONNREFUSED|at /);
    } finally {
      await db.$disconnect();
    }
  });

  it("says so when the data folder cannot be read", async () => {
    const t = await createTestDatabase("sqlite");
    try {
      const { report } = await checkHealth(t.db, { dataDir: path.join(dataDir, "missing") });
      expect(report.disk).toBeNull();
      expect(report.problems).toContain("the data folder's disk cannot be read");
    } finally {
      await t.drop();
    }
  }, 60_000);
});
