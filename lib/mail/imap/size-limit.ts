// The largest message the poller downloads. Derived from the attachment settings: a mail can hold
// at most attachmentMaxTotalMb of files, base64 makes them a third larger, and the text, HTML and
// headers need some room besides. Anything bigger could never be stored whole anyway.
import type { Settings } from "@/lib/settings/schema";

const MB = 1024 * 1024;
const HEADROOM = 256 * 1024;

export function maxMailBytes(settings: Pick<Settings, "attachmentMaxTotalMb">): number {
  return Math.ceil((settings.attachmentMaxTotalMb * MB * 4) / 3) + HEADROOM;
}

export function formatMb(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}
