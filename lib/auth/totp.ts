// TOTP (RFC 6238) through otpauth, with the settings every authenticator app understands: SHA-1,
// six digits, 30-second steps. Pure: the caller decides what a matched step means (reuse, throttling).
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
/** Codes one step either side of now are accepted: phone clocks drift. */
const WINDOW = 1;

function totp(secretBase32: string, label = "", issuer = ""): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** 160 random bits, the size RFC 4226 recommends, as base32 for the app and for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address the QR code carries. */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return totp(secretBase32, account, issuer).toString();
}

/** The time step of a valid code, or null. Anything but six digits (spaces allowed) never matches. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The code an authenticator app shows at `at` (tests, and the app's own sanity checks). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}
