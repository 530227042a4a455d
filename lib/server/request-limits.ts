import "server-only";
// Tells the production server's raw-request guard (scripts/request-guard.cjs) how large an upload
// form's body may be, from the settings' attachment limits, so an oversized body is refused before
// it is read. The guard runs outside Next and cannot read the database; this process-wide value is
// how the two meet. Kept fresh once a minute: the action's own check of the files is the exact one.
import type { Settings } from "@/lib/settings/schema";
import { loadSettings } from "@/lib/settings/store";
import type { Db } from "./prisma";

const EDGE = Symbol.for("helpdesk.edge");
const MB = 1024 * 1024;
/** Room for the form's text fields and the multipart framing around the files. */
const TEXT_ROOM = 1 * MB;
const REFRESH_MS = 60_000;

type EdgeState = { uploads?: { limitBytes: number; maxTotalMb: number } };

export function uploadBodyLimit(settings: Pick<Settings, "attachmentMaxTotalMb" | "attachmentMaxFiles">): { limitBytes: number; maxTotalMb: number } {
  const files = settings.attachmentMaxFiles === 0 ? 0 : Math.ceil(settings.attachmentMaxTotalMb * MB);
  return { limitBytes: files + TEXT_ROOM, maxTotalMb: settings.attachmentMaxFiles === 0 ? 0 : settings.attachmentMaxTotalMb };
}

export function publishUploadLimit(settings: Pick<Settings, "attachmentMaxTotalMb" | "attachmentMaxFiles">): void {
  const state = ((globalThis as { [EDGE]?: EdgeState })[EDGE] ??= {});
  state.uploads = uploadBodyLimit(settings);
}

/** At start and then every minute (a timer that never keeps the process alive). */
export function startPublishingUploadLimit(db: Db): void {
  const refresh = () => loadSettings(db).then(publishUploadLimit, (error) => console.error("[request-limits] settings not readable; keeping the last limit", error));
  void refresh();
  setInterval(refresh, REFRESH_MS).unref();
}
