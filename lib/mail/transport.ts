// Where outgoing mail goes: SMTP_URL from the environment, else the SMTP settings, else (the
// embedded default, no mail server needed) .eml files in the outbox folder for a developer to read.
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import { openStoredSecret } from "@/lib/server/sealed-fields";
import type { Db } from "@/lib/server/prisma";
import type { Settings } from "@/lib/settings/schema";
import { mailDomain } from "./domain";
import { OAuthTokenError } from "./oauth/errors";
import { accessTokenFor, SMTP_GRANT_KEY } from "./oauth/tokens";

export type OutgoingMail = { from: string; to: string; subject: string; text: string; html?: string | null; headers: Record<string, string> };
export type MailTransport = { describe: string; send: (mail: OutgoingMail) => Promise<void>; close: () => void };

export function outboxDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MAIL_OUTBOX_DIR ?? path.join(process.env.DATA_DIR ?? "data", "outbox"));
}

export function fromAddress(settings: Pick<Settings, "mailFromAddress" | "helpdeskName" | "helpdeskUrl">): string {
  if (settings.mailFromAddress) return settings.mailFromAddress;
  return `"${settings.helpdeskName.replace(/["\\]/g, "")}" <support@${mailDomain(settings)}>`;
}

function message(mail: OutgoingMail) {
  const { "Message-ID": messageId, ...headers } = mail.headers;
  return { from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined, messageId, headers };
}

/**
 * XOAUTH2 as the SMTP user with the "smtp" grant's access token. nodemailer asks again with
 * renew=true when the server refuses a token (its 334 error challenge), so a token revoked early is
 * renewed once before the send fails.
 */
function oauthAuth(db: Db | undefined, user: string) {
  return {
    type: "OAuth2" as const,
    user,
    provisionCallback: (_user: string, renew: boolean, callback: (error: Error | null, accessToken?: string) => void) => {
      if (!db) return callback(new OAuthTokenError("config", "OAuth sign-in for SMTP needs the database."));
      if (!user) return callback(new OAuthTokenError("config", "Enter the SMTP user name (the mailbox address that sends) to sign in with OAuth."));
      accessTokenFor(db, SMTP_GRANT_KEY, { forceRefresh: renew }).then((token) => callback(null, token), (error: Error) => callback(error));
    },
  };
}

/** `db` is where an OAuth sign-in keeps its tokens; only the password and file transports work without it. */
export function createMailTransport(settings: Pick<Settings, "smtp">, db?: Db): MailTransport {
  const url = process.env.SMTP_URL?.trim();
  const smtp = settings.smtp;
  if (url || smtp.host) {
    const oauth = !url && smtp.auth === "oauth";
    let pass = "";
    try {
      pass = url || oauth ? "" : openStoredSecret(smtp.password, "the SMTP password");
    } catch (error) {
      // A password no key opens fails each message with a reason the admin can act on.
      return { describe: `smtp://${smtp.host}:${smtp.port}`, send: () => Promise.reject(error), close: () => {} };
    }
    const auth = oauth ? oauthAuth(db, smtp.user) : smtp.user ? { user: smtp.user, pass } : undefined;
    const transporter = url ? nodemailer.createTransport(url) : nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure, auth });
    return {
      describe: url ? "SMTP_URL" : `smtp://${smtp.host}:${smtp.port}${oauth ? " (OAuth 2.0)" : ""}`,
      send: async (mail) => {
        await transporter.sendMail(message(mail));
      },
      close: () => transporter.close(),
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `files in ${outboxDir()}`,
    send: async (mail) => {
      const info = await transporter.sendMail(message(mail));
      await fs.mkdir(outboxDir(), { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      await fs.writeFile(path.join(outboxDir(), name), info.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
