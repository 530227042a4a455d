import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, ipAllowed, verifyApiKey } from "./service";

describe("API key generation and verification", () => {
  it("makes hd_ + 32 random bytes, stores only the SHA-256, keeps a short prefix", () => {
    const { key, keyHash, prefix } = generateApiKey();
    expect(key).toMatch(/^hd_[A-Za-z0-9_-]{43}$/);
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).not.toContain(key.slice(3));
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(9);
    expect(generateApiKey().key).not.toBe(key);
  });

  it("verifies only the exact key", () => {
    const { key, keyHash } = generateApiKey();
    expect(verifyApiKey(key, keyHash)).toBe(true);
    expect(verifyApiKey(key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"), keyHash)).toBe(false);
    expect(verifyApiKey("", keyHash)).toBe(false);
    expect(verifyApiKey(key, "not-hex")).toBe(false);
    expect(verifyApiKey(key, "")).toBe(false);
  });
});

describe("address allow-list", () => {
  it("an empty allow-list allows any address; otherwise refuses by default", () => {
    expect(ipAllowed("8.8.8.8", "")).toBe(true);
    expect(ipAllowed(null, "")).toBe(true);
    expect(ipAllowed("10.1.1.1", "10.0.0.0/8,192.168.0.0/16")).toBe(true);
    expect(ipAllowed("8.8.8.8", "10.0.0.0/8,192.168.0.0/16")).toBe(false);
    expect(ipAllowed(null, "10.0.0.0/8")).toBe(false);
    expect(ipAllowed("::ffff:10.9.9.9", "10.0.0.0/8")).toBe(true);
  });
});
