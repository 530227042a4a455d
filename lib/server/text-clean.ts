// Every text that reaches the database is cleaned here, the same way on SQLite and PostgreSQL
// (lib/server/prisma.ts applies it to every query's arguments). PostgreSQL refuses a NUL character
// in text, so one NUL in a mail header used to fail the write there (and the quarantine write too)
// while SQLite stored it; a lone UTF-16 surrogate (half an emoji, from a broken decoder) became
// U+FFFD or an error depending on the driver. Both now become U+FFFD, visibly, before either sees them.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT = "\uFFFD";

/** The text with NUL characters and unpaired surrogates replaced by U+FFFD. */
export function cleanStoredText(value: string): string {
  if (!SUSPECT.test(value)) return value;
  return value.replace(/\u0000/g, REPLACEMENT).replace(LONE_SURROGATE, REPLACEMENT);
}

function needsCleaning(value: string): boolean {
  return SUSPECT.test(value) && cleanStoredText(value) !== value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasDirtyText(value: unknown, depth: number): boolean {
  if (typeof value === "string") return needsCleaning(value);
  if (!value || typeof value !== "object" || depth > 32) return false;
  if (Array.isArray(value)) return value.some((v) => hasDirtyText(v, depth + 1));
  if (!isPlainObject(value)) return false; // Dates, Buffers (bytes), decimals: not text
  return Object.values(value).some((v) => hasDirtyText(v, depth + 1));
}

function cleaned(value: unknown, depth: number): unknown {
  if (typeof value === "string") return cleanStoredText(value);
  if (!value || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => cleaned(v, depth + 1));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleaned(v, depth + 1)]));
}

/**
 * A query's arguments with every string cleaned, at any depth (nested writes, filters), or the
 * same object when nothing needs cleaning (the usual case: no copy).
 */
export function cleanQueryArgs<T>(args: T): T {
  return hasDirtyText(args, 0) ? (cleaned(args, 0) as T) : args;
}
