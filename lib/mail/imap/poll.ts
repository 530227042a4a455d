import "server-only";
// Polls one IMAP mailbox: every UNSEEN message, oldest first, one at a time. The rule that keeps
// mail from being lost: \Seen is set only after ingestMessage has returned, i.e. after the message
// is recorded in the database (as a ticket, a reply, a duplicate, ignored or quarantined). If the
// process dies or the database fails in between, the message stays unseen and the next poll takes
// it again; ingestMessage's Message-ID dedupe turns that second delivery into a DUPLICATE, so
// nothing is doubled either. A message whose processing keeps failing is given up (quarantined)
// by ingestMessage after a few attempts, so it is not fetched again forever.
import { ingestMessage, type IngestResult } from "@/lib/mail/inbound/ingest";
import type { Db } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import type { ImapFlow } from "imapflow";
import { connectImap, describeImapError, type ImapMailboxAccount } from "./client";
import { recordOversized } from "./oversized";
import { maxMailBytes } from "./size-limit";

/** Messages taken per poll: a huge backlog is worked off over several polls, each one bounded. */
export const MAX_MESSAGES_PER_POLL = 200;

export type PollOutcome = {
  mailbox: string;
  ok: boolean;
  /** Messages recorded and marked seen, by what became of them. */
  stored: number;
  duplicates: number;
  quarantined: number;
  ignored: number;
  /** Delivery failure reports, kept and linked to their ticket (never tickets). */
  bounces: number;
  oversized: number;
  /** Messages left unseen because recording them failed; the next poll tries them again. */
  failed: number;
  /** Unseen messages left for the next poll (over MAX_MESSAGES_PER_POLL). */
  remaining: number;
  error: string | null;
};

type Ingest = (db: Db, raw: Buffer, options: { mailbox: string; helpTopicId?: number }) => Promise<IngestResult>;

export type PollOptions = {
  /** The ingest step; tests wrap the real one to make the process "die" between storing and flagging. */
  ingest?: Ingest;
  /** Stop between messages (server shutdown). What is not taken stays unseen for the next poll. */
  signal?: AbortSignal;
};

export type MailboxRow = ImapMailboxAccount & { id: number; name: string; folder: string; helpTopicId: number | null };

export async function pollMailbox(db: Db, mailbox: MailboxRow, options: PollOptions = {}): Promise<PollOutcome> {
  const outcome: PollOutcome = { mailbox: mailbox.name, ok: true, stored: 0, duplicates: 0, quarantined: 0, ignored: 0, bounces: 0, oversized: 0, failed: 0, remaining: 0, error: null };
  const ingest = options.ingest ?? ingestMessage;
  // Set once signed in; the helpers below run only after that.
  let client: ImapFlow | undefined;
  let limit = 0;
  try {
    limit = maxMailBytes(await loadSettings(db));
    client = await connectImap(db, mailbox);
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      unseen.sort((a, b) => a - b);
      outcome.remaining = Math.max(0, unseen.length - MAX_MESSAGES_PER_POLL);
      const batch = unseen.slice(0, MAX_MESSAGES_PER_POLL);
      // Sizes first (cheap), so an oversized message is never downloaded at all.
      const sizes = new Map<number, number>();
      if (batch.length) for await (const m of client.fetch(batch, { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
      const failures: string[] = [];
      for (const uid of batch) {
        if (options.signal?.aborted) break;
        if (!sizes.has(uid)) continue; // expunged by someone else meanwhile
        try {
          await takeMessage(uid, sizes.get(uid)!);
        } catch (error) {
          // Left unseen: the next poll retries it. The other messages still get their turn.
          outcome.failed++;
          failures.push(`message UID ${uid}: ${error instanceof Error ? error.message : String(error)}`);
          if (!client.usable) throw error;
        }
      }
      if (failures.length) {
        outcome.ok = false;
        outcome.error = `${failures.length === 1 ? "1 message was" : `${failures.length} messages were`} not recorded and stay unread for the next poll (${failures[0].slice(0, 300)}).`;
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (error) {
    outcome.ok = false;
    outcome.error = describeImapError(error);
    client?.close();
  }
  await recordPoll(db, mailbox.id, outcome.error);
  return outcome;

  async function takeMessage(uid: number, size: number) {
    if (size > limit) {
      const head = await client!.fetchOne(String(uid), { headers: true }, { uid: true });
      await recordOversized(db, { mailbox: mailbox.name, folder: mailbox.folder, uid, size, limit, header: head ? (head.headers ?? Buffer.alloc(0)) : Buffer.alloc(0) });
      await markSeen(uid);
      outcome.oversized++;
      return;
    }
    const message = await client!.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) return; // gone from the folder; nothing to take
    const result = await ingest(db, message.source, { mailbox: mailbox.name, helpTopicId: mailbox.helpTopicId ?? undefined });
    // Recorded, whatever the state: only now may the server forget that it is new.
    await markSeen(uid);
    if (result.state === "STORED") outcome.stored++;
    else if (result.state === "DUPLICATE") outcome.duplicates++;
    else if (result.state === "QUARANTINED") outcome.quarantined++;
    else if (result.state === "BOUNCE") outcome.bounces++;
    else outcome.ignored++;
  }

  async function markSeen(uid: number) {
    await client!.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
  }
}

/** lastPolledAt always; lastError set on failure and cleared by a clean poll. Never throws: the database may be what failed. */
async function recordPoll(db: Db, id: number, error: string | null) {
  const now = new Date();
  try {
    await db.imapMailbox.update({ where: { id }, data: error ? { lastPolledAt: now, lastError: error.slice(0, 1000), lastErrorAt: now } : { lastPolledAt: now, lastError: null, lastErrorAt: null } });
  } catch (cause) {
    console.error(`imap: could not record the poll of mailbox ${id}: ${cause instanceof Error ? cause.message.trim().split("\n")[0] : cause}`);
  }
}

export function summarisePoll(o: PollOutcome): string {
  const parts = [
    o.stored && `${o.stored} stored`,
    o.duplicates && `${o.duplicates} duplicate${o.duplicates === 1 ? "" : "s"}`,
    o.quarantined && `${o.quarantined} quarantined`,
    o.ignored && `${o.ignored} ignored by the mail-loop guard`,
    o.bounces && `${o.bounces} delivery failure report${o.bounces === 1 ? "" : "s"}`,
    o.oversized && `${o.oversized} too large (kept in the quarantine)`,
    o.failed && `${o.failed} failed, left unread`,
    o.remaining && `${o.remaining} more next time`,
  ].filter(Boolean);
  const counts = parts.length ? parts.join(", ") : "no new mail";
  return o.error && !o.failed ? `${o.mailbox}: poll failed. ${o.error}` : `${o.mailbox}: ${counts}.${o.error && o.failed ? ` ${o.error}` : ""}`;
}
