import "server-only";
// "Test connection": signs in and opens the folder, read-only, without taking or flagging any mail.
import { openStoredSecret } from "@/lib/server/sealed-fields";
import { describeImapError, imapClient, type ImapAccount } from "./client";

export type ConnectionCheck = { ok: true; message: string; messages: number; unseen: number } | { ok: false; message: string };

export async function checkImapConnection(account: ImapAccount & { folder: string }): Promise<ConnectionCheck> {
  let password: string;
  try {
    password = openStoredSecret(account.password);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const client = imapClient({ ...account, password });
  client.on("error", () => {});
  try {
    await client.connect();
    const status = await client.status(account.folder, { messages: true, unseen: true });
    await client.logout();
    const messages = (status && status.messages) || 0;
    const unseen = (status && status.unseen) || 0;
    return { ok: true, messages, unseen, message: `Connected and signed in. ${account.folder} holds ${messages} message${messages === 1 ? "" : "s"}, ${unseen} unread.` };
  } catch (error) {
    client.close();
    const e = error as { serverResponseCode?: string; responseText?: string; message?: string };
    if (e?.serverResponseCode === "NONEXISTENT" || /doesn't exist|not exist|unknown mailbox/i.test(`${e?.responseText} ${e?.message}`)) return { ok: false, message: `Signed in, but the folder "${account.folder}" does not exist.` };
    return { ok: false, message: describeImapError(error) };
  }
}
