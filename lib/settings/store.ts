// Settings live as one JSON value per key; unknown or invalid stored values fall back to defaults
// so a bad row never takes the help desk down.
import type { Db, Tx } from "@/lib/server/prisma";
import { DEFAULT_SETTINGS, ZSettings, type Settings } from "./schema";

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

export async function saveSettings(db: Db | Tx, values: Partial<Settings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
  }
}
