import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSealed, loadKeyRing, needsReseal, openSecret, SecretKeyError, sealSecret } from "./secret-box";

const key = () => crypto.randomBytes(32).toString("base64");

describe("secret-box", () => {
  it("seals and opens; the sealed text does not contain the secret and differs every time", () => {
    const ring = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: key(), DATABASE_URL: "postgresql://x/y" });
    const a = sealSecret("hunter2-smtp-password", ring);
    const b = sealSecret("hunter2-smtp-password", ring);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain("hunter2");
    expect(a).not.toBe(b);
    expect(openSecret(a, ring)).toBe("hunter2-smtp-password");
    expect(openSecret(sealSecret("", ring), ring)).toBe("");
    expect(openSecret(sealSecret("ünïcødé 🔑", ring), ring)).toBe("ünïcødé 🔑");
  });

  it("refuses an altered value and a value sealed under an unknown key", () => {
    const ring = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: key(), DATABASE_URL: "postgresql://x/y" });
    const sealed = sealSecret("secret", ring);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[4], "base64url");
    body[0] ^= 1;
    parts[4] = body.toString("base64url");
    expect(() => openSecret(parts.join("."), ring)).toThrow(SecretKeyError);
    const other = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: key(), DATABASE_URL: "postgresql://x/y" });
    expect(() => openSecret(sealed, other)).toThrow(/key this server does not have/);
    expect(() => openSecret("plain", ring)).toThrow(SecretKeyError);
  });

  it("opens values sealed under a previous key and says they need resealing", () => {
    const oldKey = key();
    const old = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: oldKey, DATABASE_URL: "postgresql://x/y" });
    const sealed = sealSecret("old", old);
    const rotated = loadKeyRing({ HELPDESK_ENCRYPTION_KEY: key(), HELPDESK_ENCRYPTION_KEY_PREVIOUS: oldKey, DATABASE_URL: "postgresql://x/y" });
    expect(openSecret(sealed, rotated)).toBe("old");
    expect(needsReseal(sealed, rotated)).toBe(true);
    expect(needsReseal(sealSecret("new", rotated), rotated)).toBe(false);
  });

  it("requires the key from the environment unless the database is the embedded default, where it is generated once", () => {
    expect(() => loadKeyRing({ DATABASE_URL: "postgresql://x/y" })).toThrow(/HELPDESK_ENCRYPTION_KEY is not set/);
    expect(() => loadKeyRing({ HELPDESK_ENCRYPTION_KEY: "short", DATABASE_URL: "postgresql://x/y" })).toThrow(/32 random bytes/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-box-"));
    try {
      const env = { DATA_DIR: path.join(dir, "data with spaces") };
      const first = loadKeyRing(env);
      const second = loadKeyRing(env);
      expect(first.current.id).toBe(second.current.id);
      expect(fs.existsSync(path.join(dir, "data with spaces", "encryption-key"))).toBe(true);
      expect(openSecret(sealSecret("x", first), second)).toBe("x");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
