import "server-only";
// The General settings screen (/admin/settings): saves its own keys only, through
// saveSettingsScreen, with an audit row of what changed.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { ZGeneralSettings, type Settings } from "@/lib/settings/schema";
import { loadSettings, screenVersion } from "@/lib/settings/store";
import { assertAdmin, parseInput } from "@/lib/server/admin-write";
import { parseFileTypes, ZSettingsForm, type SettingsFormInput } from "./schemas";
import { saveSettingsScreen, type ScreenSaved } from "./screen";

export async function updateSettings(db: Db, actor: StaffActor, raw: SettingsFormInput): Promise<ScreenSaved> {
  const { version, ...input } = parseInput(ZSettingsForm, raw);
  const next = ZGeneralSettings.parse({ ...input, attachmentAllowedTypes: parseFileTypes(input.attachmentAllowedTypes) });
  return saveSettingsScreen(db, actor, { screen: "general", next: () => next, version, audit: { entity: "settings", entityId: "helpdesk" } });
}

export async function settingsForEdit(db: Db, actor: StaffActor): Promise<{ settings: Settings; version: string }> {
  assertAdmin(actor);
  const settings = await loadSettings(db);
  return { settings, version: screenVersion(settings, "general") };
}
