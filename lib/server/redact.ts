// Where secrets are kept out of what people and files can read: audit rows, log lines, error
// messages. Decided here, in one place, by field name (any depth) and, for free text, by shape
// (credentials in URLs, private-link and set-password tokens, API keys) and by value (every secret
// this process has handled: the environment's secrets, each stored secret it sealed or opened).
// Callers never redact by hand; a new kind of secret is a name in SECRET_FIELD_NAMES.

/** Field names whose values are secrets, compared without case, dashes or underscores. */
export const SECRET_FIELD_NAMES = [
  "password", "pass", "passwordHash", "newPassword", "currentPassword",
  "secret", "clientSecret", "totpSecret", "recoveryCodes",
  "token", "tokenHash", "accessToken", "refreshToken", "idToken", "sessionToken", "csrfToken",
  "apiKey", "keyHash", "accessKey", "encryptionKey",
  "authorization", "proxyAuthorization", "cookie", "setCookie", "xApiKey",
  "NEXTAUTH_SECRET", "HELPDESK_ENCRYPTION_KEY", "HELPDESK_ENCRYPTION_KEY_PREVIOUS", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
] as const;

/** A name ending in one of these is a secret too: smtpPassword, oauthRefreshToken, webhookSecret. */
const SECRET_SUFFIXES = ["password", "secret", "token", "apikey"];

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
const SECRET_NAMES = new Set(SECRET_FIELD_NAMES.map(normalise));

export function isSecretField(name: string): boolean {
  const n = normalise(name);
  return SECRET_NAMES.has(n) || SECRET_SUFFIXES.some((s) => n.endsWith(s));
}

export const REDACTED = "[redacted]";

// ── Values this process knows to be secret ───────────────────────────────────
const knownSecrets = new Set<string>();
/** Short values would redact ordinary words; no real secret is this short. */
const MIN_KNOWN_SECRET = 6;

/** Remembers a secret value so that it is cut out of any text logged from now on. */
export function rememberSecret(value: string | null | undefined): void {
  if (value && value.length >= MIN_KNOWN_SECRET) knownSecrets.add(value);
}

/** The secrets in the environment, including the password inside a connection URL. */
export function rememberEnvironmentSecrets(env: Record<string, string | undefined> = process.env): void {
  for (const name of ["NEXTAUTH_SECRET", "HELPDESK_ENCRYPTION_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]) rememberSecret(env[name]);
  for (const key of (env.HELPDESK_ENCRYPTION_KEY_PREVIOUS ?? "").split(",")) rememberSecret(key.trim());
  for (const name of ["SMTP_URL", "DATABASE_URL"]) {
    try {
      const password = env[name] ? decodeURIComponent(new URL(env[name]!).password) : "";
      rememberSecret(password);
    } catch {
      // not a URL: nothing to take from it
    }
  }
}

// ── Free text ────────────────────────────────────────────────────────────────
const TEXT_RULES: [RegExp, string][] = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]+@/gi, `$1:${REDACTED}@`],
  // one-time set-password links and requesters' private ticket links
  [/(\/set-password\/)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`],
  [/(\/t\/[A-Za-z0-9-]{1,40}\/)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`],
  // API keys as issued (hd_ + 43 characters)
  [/\bhd_[A-Za-z0-9_-]{20,}/g, `hd_${REDACTED}`],
  // HTTP credentials quoted in a message
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

// ── Structured values (log objects, error details) ───────────────────────────
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An Error as a plain object (type, message, code, stack, cause), redacted. */
function errorObject(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: redactText(error.message) };
  for (const [k, v] of Object.entries(error)) if (k !== "message" && k !== "stack") out[k] = isSecretField(k) ? REDACTED : redactValue(v, depth + 1);
  if (error.stack) out.stack = redactText(error.stack);
  if (error.cause !== undefined) out.cause = redactValue(error.cause, depth + 1);
  return out;
}

/** A copy with secret fields replaced and secrets cut out of every string, at any depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[too deep]";
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) return errorObject(value, depth);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redactValue(v, depth + 1);
    return out;
  }
  return value;
}

// ── Audit snapshots ──────────────────────────────────────────────────────────
export const SECRET_LABELS = { set: "(set)", notSet: "(not set)", changed: "(changed)" } as const;
const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const isLabel = (v: unknown) => Object.values(SECRET_LABELS).includes(v as never);

/**
 * Before and after of an audit row with every secret field replaced by whether it is set and
 * whether it changed, so the log (readable by every admin, kept for years) shows "(changed)" and
 * never a value. Labels already in place (an old row redacted once) are kept as they are.
 */
export function redactAuditPair<T extends Record<string, unknown> | null | undefined>(before: T, after: T): [T, T] {
  const walk = (b: unknown, a: unknown, depth: number): [unknown, unknown] => {
    if (depth > 8 || !(isPlainObject(b) || isPlainObject(a))) return [typeof b === "string" ? redactText(b) : b, typeof a === "string" ? redactText(a) : a];
    const bo = isPlainObject(b) ? b : undefined;
    const ao = isPlainObject(a) ? a : undefined;
    const keys = new Set([...Object.keys(bo ?? {}), ...Object.keys(ao ?? {})]);
    const nb: Record<string, unknown> = {};
    const na: Record<string, unknown> = {};
    for (const k of keys) {
      const bv = bo?.[k];
      const av = ao?.[k];
      if (isSecretField(k)) {
        const label = (v: unknown) => (isLabel(v) ? v : isEmpty(v) ? SECRET_LABELS.notSet : SECRET_LABELS.set);
        if (bo && k in bo) nb[k] = label(bv);
        if (ao && k in ao) na[k] = bo && !isEmpty(bv) && !isEmpty(av) && !isLabel(av) && JSON.stringify(bv) !== JSON.stringify(av) ? SECRET_LABELS.changed : label(av);
      } else {
        const [rb, ra] = walk(bv, av, depth + 1);
        if (bo && k in bo) nb[k] = Array.isArray(bv) ? (redactValue(bv) as unknown) : rb;
        if (ao && k in ao) na[k] = Array.isArray(av) ? (redactValue(av) as unknown) : ra;
      }
    }
    return [bo ? nb : b, ao ? na : a];
  };
  const [b, a] = walk(before, after, 0);
  return [b as T, a as T];
}
