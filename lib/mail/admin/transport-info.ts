import "server-only";
// Which transport outgoing mail takes right now, told to the admin without any secret: the same
// order as lib/mail/transport.ts (SMTP_URL, then the SMTP settings, then the outbox folder).
import { outboxDir } from "@/lib/mail/transport";
import type { Settings } from "@/lib/settings/schema";

export type TransportInEffect =
  | { kind: "env"; display: string }
  | { kind: "smtp"; display: string; encryption: "TLS" | "STARTTLS"; oauth: boolean }
  | { kind: "outbox"; folder: string };

/** SMTP_URL without its password (and without its query, which can carry options with secrets). */
export function redactedSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${u.protocol}//${user}${u.host}`;
  } catch {
    return "(not a readable URL)";
  }
}

export function transportInEffect(settings: Pick<Settings, "smtp">): TransportInEffect {
  const url = process.env.SMTP_URL?.trim();
  if (url) return { kind: "env", display: redactedSmtpUrl(url) };
  if (settings.smtp.host) return { kind: "smtp", display: `${settings.smtp.host}:${settings.smtp.port}`, encryption: settings.smtp.secure ? "TLS" : "STARTTLS", oauth: settings.smtp.auth === "oauth" };
  return { kind: "outbox", folder: outboxDir() };
}
