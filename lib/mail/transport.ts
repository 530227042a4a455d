// Where outgoing mail goes: SMTP_URL from the environment, else the SMTP settings, else (the
// embedded default, no mail server needed) .eml files in the outbox folder for a developer to read.
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import { openStoredSecret } from "@/lib/server/sealed-fields";
import type { Settings } from "@/lib/settings/schema";
import { mailDomain } from "./domain";

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

export function createMailTransport(settings: Pick<Settings, "smtp">): MailTransport {
  const url = process.env.SMTP_URL?.trim();
  const smtp = settings.smtp;
  if (url || smtp.host) {
    let pass = "";
    try {
      pass = url ? "" : openStoredSecret(smtp.password, "the SMTP password");
    } catch (error) {
      // A password no key opens fails each message with a reason the admin can act on.
      return { describe: `smtp://${smtp.host}:${smtp.port}`, send: () => Promise.reject(error), close: () => {} };
    }
    const transporter = url
      ? nodemailer.createTransport(url)
      : nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: smtp.secure, auth: smtp.user ? { user: smtp.user, pass } : undefined });
    return {
      describe: url ? "SMTP_URL" : `smtp://${smtp.host}:${smtp.port}`,
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
