import "server-only";
// The help desk settings, saved through lib/settings (one JSON value per key) with an audit row of
// what changed.
import type { StaffActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/server/prisma";
import { ZSettings, type Settings } from "@/lib/settings/schema";
import { loadSettings, saveSettings } from "@/lib/settings/store";
import { adminWrite, assertAdmin, parseInput } from "./admin-write";
import { recordAudit } from "./audit";
import { parseFileTypes, ZSettingsForm, type SettingsFormInput } from "./schemas";

export async function updateSettings(db: Db, actor: StaffActor, raw: SettingsFormInput): Promise<Settings> {
  const input = parseInput(ZSettingsForm, raw);
  const next = ZSettings.parse({ ...input, attachmentAllowedTypes: parseFileTypes(input.attachmentAllowedTypes) });
  return adminWrite(db, actor, async (tx) => {
    const before = await loadSettings(tx);
    // Only the keys this screen's form carries: the others belong to other screens (mail, sign-in).
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => k in input && JSON.stringify(before[k as keyof Settings]) !== JSON.stringify(v))) as Partial<Settings>;
    if (Object.keys(changed).length === 0) return before;
    await saveSettings(tx, changed);
    const pick = (s: Settings) => Object.fromEntries(Object.keys(changed).map((k) => [k, s[k as keyof Settings]]));
    await recordAudit(tx, actor, { entity: "settings", entityId: "helpdesk", action: "update", before: pick(before), after: pick(next) });
    return next;
  });
}

export async function settingsForEdit(db: Db, actor: StaffActor): Promise<Settings> {
  assertAdmin(actor);
  return loadSettings(db);
}
