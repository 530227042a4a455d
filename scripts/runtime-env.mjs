// The environment the server runs with, resolved once by the start script: absolute paths (the
// standalone server changes directory), the session secret and the public URL.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ipaddr from "ipaddr.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export class ConfigError extends Error {}

function embeddedSecret(dataDir) {
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** TRUSTED_PROXIES entries that are not an address or range (the app parses the same way: lib/server/ip-ranges.ts). */
export function invalidTrustedProxies(text = "") {
  const valid = (entry) => {
    const [address, bits] = entry.split("/");
    if (ipaddr.IPv4.isValidFourPartDecimal(address)) return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
    return address.includes(":") && ipaddr.IPv6.isValid(address) && !address.includes("%") && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= 128));
  };
  return text.split(/[\s,]+/).filter(Boolean).filter((entry) => !valid(entry));
}

export function runtimeEnv(source = process.env) {
  const env = { ...source, NEXT_TELEMETRY_DISABLED: "1" };
  const dataDir = path.resolve(root, source.DATA_DIR ?? "data");
  const url = source.DATABASE_URL?.trim();
  const embedded = !url;
  if (embedded) env.DATABASE_URL = `file:${path.join(dataDir, "helpdesk.db")}`;
  else if (url.startsWith("file:")) env.DATABASE_URL = `file:${path.resolve(root, url.slice(5))}`;
  else if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("DATABASE_URL must be file:PATH or postgresql://…");

  if (!source.NEXTAUTH_SECRET) {
    // Only the zero-set-up default may invent its own secret; a real deployment must choose one,
    // or sessions would silently break when the data folder is replaced or shared.
    if (!embedded) throw new ConfigError("NEXTAUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.");
    env.NEXTAUTH_SECRET = embeddedSecret(dataDir);
  } else if (source.NEXTAUTH_SECRET.length < 32) {
    throw new ConfigError("NEXTAUTH_SECRET must be at least 32 characters.");
  }

  // Stored mail passwords are sealed under this key (lib/server/secret-box.ts). Only the embedded
  // default may keep a generated one in its data folder; elsewhere the database and the key must
  // live apart, or a copied database would carry the key to its own secrets.
  const key = source.HELPDESK_ENCRYPTION_KEY?.trim();
  if (!key) {
    if (!embedded) throw new ConfigError("HELPDESK_ENCRYPTION_KEY is not set. Generate one with `openssl rand -base64 32`, set it in the environment and keep a copy apart from the database: without it, stored mail passwords cannot be read.");
  } else {
    for (const [name, value] of [["HELPDESK_ENCRYPTION_KEY", key], ...(source.HELPDESK_ENCRYPTION_KEY_PREVIOUS ?? "").split(",").filter((k) => k.trim()).map((k) => ["HELPDESK_ENCRYPTION_KEY_PREVIOUS", k.trim()])]) {
      if (Buffer.from(value, /[-_]/.test(value) ? "base64url" : "base64").length !== 32) throw new ConfigError(`${name} must be 32 random bytes in base64 (generate one with: openssl rand -base64 32).`);
    }
  }
  const badProxies = invalidTrustedProxies(source.TRUSTED_PROXIES);
  if (badProxies.length) throw new ConfigError(`TRUSTED_PROXIES must list addresses or ranges (e.g. 127.0.0.1,::1 or 10.0.0.0/8); not valid: ${badProxies.join(", ")}`);

  const port = source.PORT ?? "3000";
  env.PORT = port;
  env.APP_URL = (source.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  // next-auth builds its callback URLs and picks secure cookies from this; behind a reverse proxy
  // set APP_URL to the public https address.
  env.NEXTAUTH_URL = source.NEXTAUTH_URL ?? env.APP_URL;
  env.ATTACHMENTS_DIR = path.resolve(root, source.ATTACHMENTS_DIR ?? path.join(dataDir, "attachments"));
  env.DATA_DIR = dataDir;
  env.HELPDESK_EMBEDDED = embedded ? "1" : "0";
  return env;
}
