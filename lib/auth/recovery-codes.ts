// Recovery codes: shown once, stored as SHA-256. Each carries 80 random bits, so a plain hash is
// enough (no brute force of a copied database can reach them) and a code is found by its hash alone.
import crypto from "node:crypto";
import { Secret } from "otpauth";

export const RECOVERY_CODE_COUNT = 10;

/** "ABCD-EFGH-IJKL-MNOP": 16 base32 characters, grouped for reading aloud and typing. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => new Secret({ size: 10 }).base32.match(/.{4}/g)!.join("-"));
}

/** What was typed, without spaces, dashes or case; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]+/g, "");
  return /^[A-Z2-7]{16}$/.test(plain) ? plain : null;
}

export function hashRecoveryCode(normalised: string): string {
  return crypto.createHash("sha256").update(`recovery:${normalised}`, "utf8").digest("hex");
}
