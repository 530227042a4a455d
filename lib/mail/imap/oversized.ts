import "server-only";
// A message too large to download is never dropped and never fetched again on every poll: it is
// recorded in the quarantine (with its headers and a note saying where the original still is)
// and then marked seen on the server, where it stays for the admin to deal with.
import { dedupeKeyFor, encodeRaw } from "@/lib/mail/inbound/ingest";
import type { Db } from "@/lib/server/prisma";
import { formatMb } from "./size-limit";

/**
 * The stand-in kept in the quarantine: the original header block without its MIME headers, and a
 * plain-text body saying why the rest is missing. So the admin sees sender and subject, and a retry
 * from the quarantine opens a ticket that tells the agent where to find the full message.
 */
export function oversizedStandIn(header: Buffer, note: string): Buffer {
  const lines = header.toString("latin1").replace(/\r?\n\r?\n[\s\S]*$/, "").split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (!skipping) kept.push(line);
      continue;
    }
    skipping = /^(content-[\w-]+|mime-version)\s*:/i.test(line);
    if (!skipping && line.trim()) kept.push(line);
  }
  const head = Buffer.from([...kept, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", ""].join("\r\n"), "latin1");
  return Buffer.concat([head, Buffer.from(`${note}\r\n`, "utf8")]);
}

export type OversizedMail = { mailbox: string; folder: string; uid: number; size: number; limit: number; header: Buffer };

/** Records the oversized message once (a second poll finds the same dedupe key and adds nothing). */
export async function recordOversized(db: Db, mail: OversizedMail): Promise<{ inboundId: number; alreadyRecorded: boolean }> {
  const note = `This message is ${formatMb(mail.size)}, over the ${formatMb(mail.limit)} limit for incoming mail (from the attachment settings), so it was not downloaded. The original is still in the mailbox "${mail.mailbox}", folder ${mail.folder}, marked as read. To take it in after raising the limit, mark it unread there again.`;
  const raw = oversizedStandIn(mail.header, note);
  const dedupeKey = dedupeKeyFor(raw);
  const existing = await db.inboundMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (existing) return { inboundId: existing.id, alreadyRecorded: true };
  const from = /^from:\s*(.*)$/im.exec(mail.header.toString("latin1"))?.[1]?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0]?.toLowerCase() ?? null;
  const subject = /^subject:\s*(.*)$/im.exec(mail.header.toString("latin1"))?.[1]?.trim() ?? null;
  try {
    const row = await db.inboundMessage.create({
      data: { dedupeKey, mailbox: mail.mailbox, state: "QUARANTINED", fromEmail: from?.slice(0, 254) ?? null, subject: subject?.slice(0, 500) ?? null, raw: encodeRaw(raw), error: note },
    });
    return { inboundId: row.id, alreadyRecorded: false };
  } catch (error) {
    // Another poller recorded it a moment ago (unique dedupeKey): that record is the one.
    if ((error as { code?: string })?.code !== "P2002") throw error;
    const row = await db.inboundMessage.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
    return { inboundId: row.id, alreadyRecorded: true };
  }
}
