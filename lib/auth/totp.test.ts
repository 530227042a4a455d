import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { matchTotp, newTotpSecret, TOTP_PERIOD_SECONDS, totpCodeAt, totpUri } from "./totp";

describe("TOTP", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-12-01T12:00:10Z");
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

  it("matches the current code and reports its time step", () => {
    expect(matchTotp(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(matchTotp(secret, ` ${totpCodeAt(secret, now).replace(/(\d{3})/, "$1 ")} `, now)).toBe(step);
  });

  it("accepts one step of clock drift either way, not two", () => {
    const back = new Date(now.getTime() - TOTP_PERIOD_SECONDS * 1000);
    const ahead = new Date(now.getTime() + TOTP_PERIOD_SECONDS * 1000);
    expect(matchTotp(secret, totpCodeAt(secret, back), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCodeAt(secret, ahead), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCodeAt(secret, new Date(now.getTime() - 3 * TOTP_PERIOD_SECONDS * 1000)), now)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    for (const code of ["", "12345", "1234567", "abcdef", "12345a", "١٢٣٤٥٦"]) expect(matchTotp(secret, code, now)).toBeNull();
  });

  it("builds an otpauth address authenticator apps read", () => {
    const uri = new URL(totpUri(secret, "ada@example.com", "Help desk"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Help desk");
    expect(uri.searchParams.get("digits")).toBe("6");
  });
});

describe("recovery codes", () => {
  it("makes distinct, readable codes that normalise back to their hash", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
      const typed = code.toLowerCase().replace(/-/g, " ");
      expect(hashRecoveryCode(normaliseRecoveryCode(typed)!)).toBe(hashRecoveryCode(normaliseRecoveryCode(code)!));
    }
  });

  it("refuses what cannot be a code", () => {
    for (const input of ["", "123456", "ABCD-EFGH", "ABCD-EFGH-IJKL-MNO1"]) expect(normaliseRecoveryCode(input)).toBeNull();
  });
});
