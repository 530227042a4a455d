// Data steps that run after the migrations (at server start and in `npm run manage -- migrate`),
// idempotent, and the re-sealing behind `npm run manage -- rotate-encryption-key`:
// - every secret in the registry (lib/server/sealed-fields.ts) stored in plain text by an older
//   version is sealed;
// - audit rows written before secrets were redacted at the writer are redacted (once).
// Writing a plain value back through the database client seals it under the current key (the
// client's write rules), so re-sealing is "open with any known key, write the plain text back".
import type { Db } from "./prisma";
import { redactAuditPair } from "./redact";
import { openStoredSecret, SEALED_COLUMNS, SEALED_SETTINGS, sealSettingValue, StoredSecretError } from "./sealed-fields";
import { isSealed, needsReseal } from "./secret-box";

type Delegate = {
  findMany: (args: object) => Promise<Record<string, unknown>[]>;
  update: (args: object) => Promise<unknown>;
};

export type ResealReport = { sealed: number; unreadable: string[] };

type Needs = (value: string) => boolean;

const isPlain: Needs = (v) => v !== "" && !isSealed(v);
const isPlainOrOld: Needs = (v) => isPlain(v) || needsReseal(v);

async function resealColumns(db: Db, needs: Needs, report: ResealReport) {
  for (const { model, column, key = "id" } of SEALED_COLUMNS) {
    const delegate = (db as unknown as Record<string, Delegate>)[model];
    const rows = await delegate.findMany({ select: { [key]: true, [column]: true } });
    for (const row of rows) {
      const value = row[column];
      if (typeof value !== "string" || !needs(value)) continue;
      try {
        const plain = openStoredSecret(value);
        // Only if nobody changed it meanwhile: a concurrent admin save wins.
        await (delegate as unknown as { updateMany: (a: object) => Promise<unknown> }).updateMany({ where: { [key]: row[key], [column]: value }, data: { [column]: plain } });
        report.sealed++;
      } catch (error) {
        if (!(error instanceof StoredSecretError)) throw error;
        report.unreadable.push(`${model} ${String(row[key])} ${column}`);
      }
    }
  }
}

async function resealSettings(db: Db, needs: Needs, report: ResealReport) {
  for (const { key, path } of SEALED_SETTINGS) {
    const row = await db.setting.findUnique({ where: { key } });
    if (!row) continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(row.value) as Record<string, unknown>;
    } catch {
      continue; // a corrupt value falls back to its default when loaded
    }
    let node: Record<string, unknown> | undefined = value;
    for (const part of path.slice(0, -1)) node = node?.[part] as Record<string, unknown> | undefined;
    const last = path[path.length - 1];
    const secret = node?.[last];
    if (!node || typeof secret !== "string" || !needs(secret)) continue;
    try {
      node[last] = openStoredSecret(secret);
      await db.setting.updateMany({ where: { key, value: row.value }, data: { value: JSON.stringify(sealSettingValue(key, value)) } });
      report.sealed++;
    } catch (error) {
      if (!(error instanceof StoredSecretError)) throw error;
      report.unreadable.push(`setting ${key}.${path.join(".")}`);
    }
  }
}

/** Seals the registry's secrets that are still plain text. */
export async function sealPlainSecrets(db: Db): Promise<ResealReport> {
  const report: ResealReport = { sealed: 0, unreadable: [] };
  await resealColumns(db, isPlain, report);
  await resealSettings(db, isPlain, report);
  return report;
}

/** Seals plain secrets and re-seals those under an older key with the current one. */
export async function resealAllSecrets(db: Db): Promise<ResealReport> {
  const report: ResealReport = { sealed: 0, unreadable: [] };
  await resealColumns(db, isPlainOrOld, report);
  await resealSettings(db, isPlainOrOld, report);
  return report;
}

const AUDIT_STEP = "data-step:redact-audit-v1";

/** Redacts secret fields in audit rows written before the audit writer did it; once per database. */
export async function redactOldAuditRows(db: Db): Promise<number> {
  if (await db.setting.findUnique({ where: { key: AUDIT_STEP } })) return 0;
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = await db.auditLog.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 500, select: { id: true, before: true, after: true } });
    if (!rows.length) break;
    for (const row of rows) {
      const parse = (json: string | null) => {
        try {
          return json ? (JSON.parse(json) as Record<string, unknown>) : null;
        } catch {
          return null;
        }
      };
      const [b, a] = redactAuditPair(parse(row.before), parse(row.after));
      const before = b ? JSON.stringify(b) : row.before;
      const afterJson = a ? JSON.stringify(a) : row.after;
      if (before !== row.before || afterJson !== row.after) {
        await db.auditLog.update({ where: { id: row.id }, data: { before, after: afterJson } });
        changed++;
      }
    }
    after = rows[rows.length - 1].id;
  }
  await db.setting.upsert({ where: { key: AUDIT_STEP }, create: { key: AUDIT_STEP, value: JSON.stringify(new Date().toISOString()) }, update: {} });
  return changed;
}

/** Every data step, in order. Safe to run any number of times, from several processes. */
export async function upgradeData(db: Db): Promise<{ sealed: number; unreadable: string[]; auditRowsRedacted: number }> {
  const report = await sealPlainSecrets(db);
  const auditRowsRedacted = await redactOldAuditRows(db);
  return { ...report, auditRowsRedacted };
}
