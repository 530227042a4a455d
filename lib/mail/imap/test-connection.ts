import "server-only";
// "Test connection": signs in and opens the folder, read-only, without taking or flagging any mail.
import type { ImapFlow } from "imapflow";
import type { Db } from "@/lib/server/prisma";
import { connectImap, describeImapError, type ImapMailboxAccount } from "./client";

export type ConnectionCheck = { ok: true; message: string; messages: number; unseen: number } | { ok: false; message: string };

export async function checkImapConnection(db: Db, account: ImapMailboxAccount & { folder: string }): Promise<ConnectionCheck> {
  let client: ImapFlow | null = null;
  try {
    client = await connectImap(db, account);
    const status = await client.status(account.folder, { messages: true, unseen: true });
    await client.logout();
    const messages = (status && status.messages) || 0;
    const unseen = (status && status.unseen) || 0;
    return { ok: true, messages, unseen, message: `Connected and signed in. ${account.folder} holds ${messages} message${messages === 1 ? "" : "s"}, ${unseen} unread.` };
  } catch (error) {
    client?.close();
    const e = error as { serverResponseCode?: string; responseText?: string; message?: string };
    if (e?.serverResponseCode === "NONEXISTENT" || /doesn't exist|not exist|unknown mailbox/i.test(`${e?.responseText} ${e?.message}`)) return { ok: false, message: `Signed in, but the folder "${account.folder}" does not exist.` };
    return { ok: false, message: describeImapError(error) };
  }
}
