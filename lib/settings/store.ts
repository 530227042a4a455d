// Settings live as one JSON value per key; unknown or invalid stored values fall back to defaults
// so a bad row never takes the help desk down. Secrets inside a value (the SMTP password) are
// sealed on the way in (lib/server/sealed-fields.ts) and stay sealed when loaded.
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/server/prisma";
import { sealSettingValue } from "@/lib/server/sealed-fields";
import { DEFAULT_SETTINGS, screenKeys, ZSettings, type Settings, type SettingsScreen } from "./schema";

export async function loadSettings(db: Db | Tx): Promise<Settings> {
  const rows = await db.setting.findMany();
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.key] = JSON.parse(row.value);
    } catch {
      // ignore a corrupt value: its default applies
    }
  }
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(raw)) {
    const field = ZSettings.shape[key as keyof Settings];
    if (field && field.safeParse(value).success) merged[key] = value;
  }
  return ZSettings.parse(merged);
}

/** Writes the given keys, and only those. */
export async function saveSettings(db: Db | Tx, values: Partial<Settings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const stored = JSON.stringify(sealSettingValue(key, value));
    await db.setting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } });
  }
}

/**
 * A short fingerprint of what a screen's keys hold now. A form carries the fingerprint it was
 * opened with; a save whose fingerprint no longer matches was made on a stale form.
 */
export function screenVersion(settings: Settings, screen: SettingsScreen): string {
  const values = screenKeys(screen).map((k) => settings[k]);
  return crypto.createHash("sha256").update(JSON.stringify(values)).digest("base64url").slice(0, 16);
}

/**
 * Serialises saves of one screen: the first statement of the save's transaction writes the
 * screen's lock row, so a second save of the same screen waits here (PostgreSQL row lock, SQLite
 * write lock) and then reads what the first one committed, rather than both reading the old values.
 */
export async function lockScreen(tx: Tx, screen: SettingsScreen): Promise<void> {
  const key = `lock:${screen}`;
  const value = JSON.stringify(new Date().toISOString());
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
