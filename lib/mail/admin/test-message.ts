import "server-only";
// "Send test message": straight through the transport in effect, not through the outbox queue, so
// the admin learns at once whether the settings work. The SMTP server's own answer is the useful
// part of a failure ("535 Authentication failed"), so it is returned word for word (the page shows
// it as text). The attempt is audited after the send: holding a database transaction open across a
// network conversation would block every other writer on SQLite.
import type { StaffActor } from "@/lib/auth/actor";
import { createMailTransport, fromAddress } from "@/lib/mail/transport";
import type { Db } from "@/lib/server/prisma";
import { loadSettings } from "@/lib/settings/store";
import { adminWrite, assertAdmin, parseInput } from "@/lib/server/admin-write";
import { recordAudit } from "@/lib/server/audit/record";
import { ZSendTestMail, type SendTestMailInput } from "./schemas";
import { transportInEffect, type TransportInEffect } from "./transport-info";

/** nodemailer waits up to two minutes for a silent server; an admin waiting on a button should not. */
const SEND_TIMEOUT_MS = 30_000;

export type TestMessageResult = { sent: boolean; to: string; via: string; error: string | null };

function describeVia(t: TransportInEffect): string {
  if (t.kind === "outbox") return `the outbox folder ${t.folder}`;
  if (t.kind === "env") return `SMTP_URL (${t.display})`;
  return `${t.display} (${t.encryption})`;
}

function errorText(error: unknown): string {
  const e = error as { message?: string; response?: string };
  const text = e?.response && !String(e.message).includes(e.response) ? `${e.message} — ${e.response}` : (e?.message ?? String(error));
  return text.slice(0, 1000);
}

export async function sendTestMessage(db: Db, actor: StaffActor, raw: SendTestMailInput): Promise<TestMessageResult> {
  assertAdmin(actor);
  const { to } = parseInput(ZSendTestMail, raw);
  const settings = await loadSettings(db);
  const via = describeVia(transportInEffect(settings));
  const transport = createMailTransport(settings, db);
  let error: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.send({
        from: fromAddress(settings),
        to,
        subject: `Test message from ${settings.helpdeskName}`,
        text: `This is a test message sent by ${actor.name} from the Mail settings of ${settings.helpdeskName}.\n\nIf you can read it, outgoing mail works.\n`,
        headers: {},
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer from the mail server within ${SEND_TIMEOUT_MS / 1000} seconds.`)), SEND_TIMEOUT_MS);
      }),
    ]);
  } catch (e) {
    error = errorText(e);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
  await adminWrite(db, actor, (tx) =>
    recordAudit(tx, actor, { entity: "mail-settings", entityId: "mail", action: "send-test-message", after: { to, via, result: error ? `failed: ${error}` : "sent" } }),
  );
  return { sent: error === null, to, via, error };
}
