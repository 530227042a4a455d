// `npm run manage -- rotate-encryption-key`: every sealed secret re-sealed under a new key.
// Embedded default (no HELPDESK_ENCRYPTION_KEY): a new key file is generated; the old key is kept
// in encryption-key.previous until every value is re-sealed, then that file is deleted. A server
// running meanwhile notices the new files and follows (lib/server/secret-box.ts).
// Environment mode: the operator sets the new HELPDESK_ENCRYPTION_KEY and the old one in
// HELPDESK_ENCRYPTION_KEY_PREVIOUS, and this re-seals; the old key can then be dropped.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Db } from "./prisma";
import { ensureKeyFile, keyFile, loadKeyRing, resetKeyRingCache } from "./secret-box";
import { resealAllSecrets } from "./upgrade-data";

export type Rotation = { mode: "file" | "environment"; keyId: string; resealed: number; unreadable: string[]; previousKeptAt: string | null };

/** Replaces a file's content in one step (write beside it, then rename), owner-readable only. */
function writeAtomically(file: string, text: string) {
  const temp = `${file}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export async function rotateEncryptionKey(db: Db, env: Record<string, string | undefined> = process.env): Promise<Rotation> {
  const mode = env.HELPDESK_ENCRYPTION_KEY ? "environment" : "file";
  const previousFile = `${keyFile(env)}.previous`;
  if (mode === "file") {
    const old = ensureKeyFile(env);
    const older = fs.existsSync(previousFile) ? fs.readFileSync(previousFile, "utf8").split(/\s+/).filter(Boolean) : [];
    // The old key first goes to .previous, and only then is the new one written: at no moment is
    // a sealed value without a key that opens it.
    writeAtomically(previousFile, [old, ...older.filter((k) => k !== old)].join("\n") + "\n");
    writeAtomically(keyFile(env), crypto.randomBytes(32).toString("base64") + "\n");
  }
  resetKeyRingCache();
  const report = await resealAllSecrets(db);
  // A second pass catches a value a running server sealed with the old key during the first.
  if (!report.unreadable.length) report.sealed += (await resealAllSecrets(db)).sealed;
  const keyId = loadKeyRing(env).current.id;
  let previousKeptAt: string | null = null;
  if (mode === "file") {
    if (report.unreadable.length) previousKeptAt = previousFile;
    else fs.rmSync(previousFile, { force: true });
    resetKeyRingCache();
  }
  return { mode, keyId, resealed: report.sealed, unreadable: report.unreadable, previousKeptAt };
}
