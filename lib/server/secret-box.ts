// Secrets we must be able to read back (mail server passwords, OAuth tokens, TOTP seeds) are kept
// sealed with AES-256-GCM under a key that never lives in the database, so a copied database or
// backup alone reveals none of them. Node's own crypto does the work: no hand-made cipher.
//
// The key: HELPDESK_ENCRYPTION_KEY (32 bytes, base64 or base64url), required whenever the database
// is not the embedded default; on the embedded default it is generated once into
// DATA_DIR/encryption-key. Older keys stay readable through HELPDESK_ENCRYPTION_KEY_PREVIOUS
// (comma-separated) or DATA_DIR/encryption-key.previous while a rotation re-seals every value.
//
// Sealed form: "sb1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id is the first
// 8 bytes of the key's SHA-256, so a value says which key opens it without revealing the key.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type Env = Record<string, string | undefined>;

const PREFIX = "sb1";
const KEY_BYTES = 32;
const IV_BYTES = 12;

export class SecretKeyError extends Error {}

type Key = { id: string; bytes: Buffer };

function decodeKey(text: string, where: string): Key {
  const bytes = Buffer.from(text.trim(), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  if (bytes.length !== KEY_BYTES) throw new SecretKeyError(`${where} must be ${KEY_BYTES} random bytes in base64 (generate one with: openssl rand -base64 32).`);
  return { id: crypto.createHash("sha256").update(bytes).digest("base64url").slice(0, 11), bytes };
}

export function dataDir(env: Env = process.env): string {
  // The data folder is chosen at run time: tell the bundler not to trace it (it would copy the
  // whole project into the standalone build).
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? "data");
}

/** The embedded default: no DATABASE_URL, or a SQLite file. Only then may a key be generated. */
function isEmbedded(env: Env): boolean {
  if (env.HELPDESK_EMBEDDED !== undefined) return env.HELPDESK_EMBEDDED === "1";
  const url = env.DATABASE_URL?.trim();
  return !url || url.startsWith("file:");
}

export function keyFile(env: Env = process.env): string {
  return path.join(/*turbopackIgnore: true*/ dataDir(env), "encryption-key");
}

/** Creates the embedded default's key file when it does not exist yet; returns its text. */
export function ensureKeyFile(env: Env = process.env): string {
  const file = keyFile(env);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(KEY_BYTES).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}

export type KeyRing = { current: Key; previous: Key[] };

export function loadKeyRing(env: Env = process.env): KeyRing {
  let currentText = env.HELPDESK_ENCRYPTION_KEY?.trim();
  let previousText = env.HELPDESK_ENCRYPTION_KEY_PREVIOUS?.trim() ?? "";
  if (!currentText) {
    if (!isEmbedded(env)) throw new SecretKeyError("HELPDESK_ENCRYPTION_KEY is not set. Generate one with `openssl rand -base64 32` and set it in the environment (keep a copy: without it, stored mail passwords cannot be read).");
    currentText = ensureKeyFile(env);
    const previousFile = `${keyFile(env)}.previous`;
    if (!previousText && fs.existsSync(previousFile)) previousText = fs.readFileSync(previousFile, "utf8").trim().split(/\s+/).join(",");
  }
  return {
    current: decodeKey(currentText, "HELPDESK_ENCRYPTION_KEY"),
    previous: previousText ? previousText.split(",").filter(Boolean).map((k) => decodeKey(k, "HELPDESK_ENCRYPTION_KEY_PREVIOUS")) : [],
  };
}

let cached: { ring: KeyRing; source: string } | null = null;

/** When the key files change (a rotation by `npm run manage` while the server runs), the server follows. */
function keyFilesStamp(): string {
  if (process.env.HELPDESK_ENCRYPTION_KEY) return "";
  const stamp = (file: string) => {
    try {
      return String(fs.statSync(file).mtimeMs);
    } catch {
      return "none";
    }
  };
  return `${stamp(keyFile())}|${stamp(`${keyFile()}.previous`)}`;
}

function keyRing(): KeyRing {
  const source = `${process.env.HELPDESK_ENCRYPTION_KEY ?? ""}|${process.env.HELPDESK_ENCRYPTION_KEY_PREVIOUS ?? ""}|${process.env.DATA_DIR ?? ""}|${keyFilesStamp()}`;
  if (!cached || cached.source !== source) cached = { ring: loadKeyRing(), source };
  return cached.ring;
}

/** Forgets the cached keys (after a rotation wrote a new key file). */
export function resetKeyRingCache(): void {
  cached = null;
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

export function sealSecret(plain: string, ring: KeyRing = keyRing()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", ring.current.bytes, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [PREFIX, ring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain text of a sealed value. Throws SecretKeyError when no known key opens it or it was altered. */
export function openSecret(sealed: string, ring: KeyRing = keyRing()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new SecretKeyError("The stored secret is not in the sealed form.");
  const [, id, iv, tag, body] = parts;
  const key = [ring.current, ...ring.previous].find((k) => k.id === id);
  if (!key) throw new SecretKeyError("The stored secret was sealed with a key this server does not have (HELPDESK_ENCRYPTION_KEY changed?).");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("The stored secret could not be opened: it was altered or the key is wrong.");
  }
}

/** Sealed under an older key: a rotation should re-seal it. */
export function needsReseal(sealed: string, ring: KeyRing = keyRing()): boolean {
  return isSealed(sealed) && sealed.split(".")[1] !== ring.current.id;
}
