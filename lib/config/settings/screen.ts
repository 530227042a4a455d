import "server-only";
// Saving one settings screen: only the keys that screen owns (lib/settings/schema.ts) are written,
// so no screen can reset another's values. A form carries the version (fingerprint) of the values
// it was opened with; if the screen was saved since, the save is refused as a conflict that names
// who changed what, and the form keeps what was typed. Saves of one screen are serialised by a
// lock row, so two saves at the same moment cannot both pass the check.
import type { StaffActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/server/errors";
import type { Db, Tx } from "@/lib/server/prisma";
import { screenKeys, type ScreenSettings, type Settings, type SettingsScreen } from "@/lib/settings/schema";
import { loadSettings, lockScreen, saveSettings, screenVersion } from "@/lib/settings/store";
import { adminWrite } from "@/lib/server/admin-write";
import { recordAudit, type AuditEntity, type Snapshot } from "@/lib/server/audit/record";
import { auditChanges } from "@/lib/server/audit/diff";

export type ScreenSave<S extends SettingsScreen> = {
  screen: S;
  /** Every key of the screen, as it should be stored (secrets still plain or already sealed). */
  next: (before: Settings, tx: Tx) => ScreenSettings<S> | Promise<ScreenSettings<S>>;
  /** The version the form was opened with; absent (a script, the CLI) skips the stale check. */
  version?: string;
  audit: { entity: AuditEntity; entityId: string; snapshot?: (settings: Settings, tx: Tx) => Snapshot | Promise<Snapshot> };
};

export type ScreenSaved = { changed: boolean; version: string };

async function staleFormConflict(tx: Tx, entity: AuditEntity, entityId: string): Promise<AppError> {
  const last = await tx.auditLog.findFirst({ where: { entity, entityId }, orderBy: { id: "desc" }, include: { actorStaff: { select: { name: true } } } });
  const who = last ? (last.actorStaff?.name ?? (last.actorStaffId === null ? "the command line" : "another admin")) : "someone else";
  const details = last ? auditChanges(last.before, last.after).map((c) => `${c.field}: ${c.before} → ${c.after}`) : [];
  return new AppError("CONFLICT", `These settings were saved by ${who} after you opened this page. Nothing was saved; your values are still in the form. Load the latest version to see theirs, then save again.`, {}, details);
}

export async function saveSettingsScreen<S extends SettingsScreen>(db: Db, actor: StaffActor, save: ScreenSave<S>): Promise<ScreenSaved> {
  return adminWrite(db, actor, async (tx) => {
    await lockScreen(tx, save.screen);
    const before = await loadSettings(tx);
    if (save.version !== undefined && save.version !== screenVersion(before, save.screen)) throw await staleFormConflict(tx, save.audit.entity, save.audit.entityId);
    const next = await save.next(before, tx);
    const keys = screenKeys(save.screen);
    const changed = Object.fromEntries(keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k as keyof typeof next])).map((k) => [k, next[k as keyof typeof next]])) as Partial<Settings>;
    if (Object.keys(changed).length === 0) return { changed: false, version: screenVersion(before, save.screen) };
    await saveSettings(tx, changed);
    const after = await loadSettings(tx);
    const snapshot = save.audit.snapshot ?? ((s: Settings) => Object.fromEntries(Object.keys(changed).map((k) => [k, s[k as keyof Settings]])));
    await recordAudit(tx, actor, { entity: save.audit.entity, entityId: save.audit.entityId, action: "update", before: await snapshot(before, tx), after: await snapshot(after, tx) });
    return { changed: true, version: screenVersion(after, save.screen) };
  });
}
