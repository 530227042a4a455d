// Turns an audit row's before/after JSON into the fields that changed, as text a person can read.
// Rows written before secrets were redacted at the writer are redacted here too.
import { redactAuditPair } from "@/lib/server/redact";

export type AuditChange = { field: string; before: string; after: string };

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map(displayValue).join(", ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** "firstResponseMinutes" → "first response minutes". */
export function fieldLabel(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The changed fields, in the order they appear; for a creation every field, for a deletion every old one. */
export function auditChanges(beforeJson: string | null, afterJson: string | null): AuditChange[] {
  const [before, after] = redactAuditPair(parse(beforeJson) ?? {}, parse(afterJson) ?? {});
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: fieldLabel(k), before: displayValue(before[k]), after: displayValue(after[k]) }));
}
