// Raw test mails, built the way a mail client writes them.
import { uid } from "./factories";

export type MailSpec = { from: string; subject: string; body: string; messageId?: string; inReplyTo?: string; headers?: Record<string, string>; attachment?: { name: string; type: string; content: Buffer } };

export function rawMail(m: MailSpec): Buffer {
  const head = [`From: ${m.from}`, "To: support@example.com", `Subject: ${m.subject}`, `Message-ID: ${m.messageId ?? `<${uid()}@client.example>`}`, "MIME-Version: 1.0"];
  if (m.inReplyTo) head.push(`In-Reply-To: ${m.inReplyTo}`, `References: ${m.inReplyTo}`);
  for (const [k, v] of Object.entries(m.headers ?? {})) head.push(`${k}: ${v}`);
  if (!m.attachment) return Buffer.from([...head, "Content-Type: text/plain; charset=utf-8", "", m.body, ""].join("\r\n"));
  const b = `b-${uid()}`;
  return Buffer.from(
    [...head, `Content-Type: multipart/mixed; boundary="${b}"`, "", `--${b}`, "Content-Type: text/plain; charset=utf-8", "", m.body, `--${b}`,
      `Content-Type: ${m.attachment.type}; name="${m.attachment.name}"`, `Content-Disposition: attachment; filename="${m.attachment.name}"`, "Content-Transfer-Encoding: base64", "", m.attachment.content.toString("base64"), `--${b}--`, ""].join("\r\n"),
  );
}
