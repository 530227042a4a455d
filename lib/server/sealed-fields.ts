// The registry of stored secrets that must be read back (a mail server's password, later OAuth
// tokens and TOTP seeds). Each is sealed at rest with lib/server/secret-box.ts: written sealed by
// the database client (columns) or the settings store (settings), re-sealed by
// `npm run manage -- rotate-encryption-key`, and plain values left by an older version are sealed
// by the upgrade step (lib/server/upgrade-data.ts). Adding a secret is one line here; code that
// uses the value calls openStoredSecret where it needs the plain text, and nowhere else.
import { rememberSecret } from "./redact";
import { isSealed, openSecret, sealSecret, SecretKeyError } from "./secret-box";

/** A column holding one secret: the Prisma model (client property name), the column, and the row's key when it is not `id`. */
export const SEALED_COLUMNS: readonly { model: string; column: string; key?: string }[] = [
  { model: "imapMailbox", column: "password" },
  { model: "staffTwoFactor", column: "secret", key: "staffId" },
  { model: "staffTwoFactor", column: "pendingSecret", key: "staffId" },
  { model: "mailOAuthGrant", column: "clientSecret" },
  { model: "mailOAuthGrant", column: "refreshToken" },
  { model: "mailOAuthGrant", column: "accessToken" },
];

/** A secret inside a settings value (one JSON value per key): the key and the path inside it. */
export const SEALED_SETTINGS = [
  { key: "smtp", path: ["password"] },
] as const;


/** The sealed form of a value about to be stored: empty stays empty, sealed stays as it is. */
export function sealForStorage(value: string): string {
  if (value === "" || isSealed(value)) return value;
  rememberSecret(value); // from now on cut out of any log line
  return sealSecret(value);
}

/**
 * The plain text of a stored secret. A value stored before sealing existed (not yet upgraded) is
 * returned as it is; one that no key opens throws StoredSecretError, whose message an admin can act on.
 */
export function openStoredSecret(value: string, what = "the saved password"): string {
  if (value === "" || !isSealed(value)) return value;
  try {
    const plain = openSecret(value);
    rememberSecret(plain);
    return plain;
  } catch (error) {
    if (error instanceof SecretKeyError) throw new StoredSecretError(`${what[0].toUpperCase()}${what.slice(1)} cannot be decrypted: ${error.message} Enter it again, or restore the encryption key it was saved with.`);
    throw error;
  }
}

export class StoredSecretError extends Error {
  override name = "StoredSecretError";
}

/** The columns of a model that hold sealed secrets. */
export function sealedColumnsOf(model: string): string[] {
  const lower = model[0].toLowerCase() + model.slice(1);
  return SEALED_COLUMNS.filter((c) => c.model === lower).map((c) => c.column);
}

type JsonObject = Record<string, unknown>;

/** A settings value with its sealed paths sealed (a copy; the input is not changed). */
export function sealSettingValue(key: string, value: unknown): unknown {
  const paths = SEALED_SETTINGS.filter((s) => s.key === key).map((s) => s.path);
  if (!paths.length || !value || typeof value !== "object") return value;
  const copy = structuredClone(value) as JsonObject;
  for (const path of paths) {
    let node: JsonObject | undefined = copy;
    for (const part of path.slice(0, -1)) node = node?.[part] as JsonObject | undefined;
    const last = path[path.length - 1];
    if (node && typeof node[last] === "string") node[last] = sealForStorage(node[last] as string);
  }
  return copy;
}
