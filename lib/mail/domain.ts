// The host name our outgoing Message-IDs and default sender use: the help desk's public address.
import type { Settings } from "@/lib/settings/schema";

export function helpdeskBaseUrl(settings: Pick<Settings, "helpdeskUrl">): string {
  return (settings.helpdeskUrl || process.env.APP_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export function mailDomain(settings: Pick<Settings, "helpdeskUrl">): string {
  try {
    return new URL(helpdeskBaseUrl(settings)).hostname || "helpdesk.invalid";
  } catch {
    return "helpdesk.invalid";
  }
}
