import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, ipAllowed, ipInCidr, parseCidr, parseCidrList, verifyApiKey } from "./api-keys";

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

describe("CIDR", () => {
  it.each([
    ["10.0.0.0/8", "10.200.3.4", true],
    ["10.0.0.0/8", "11.0.0.1", false],
    ["192.168.1.10", "192.168.1.10", true],
    ["192.168.1.10", "192.168.1.11", false],
    ["192.168.1.77/24", "192.168.1.200", true],
    ["0.0.0.0/0", "8.8.8.8", true],
    ["10.0.0.0/8", "::ffff:10.1.2.3", true],
    ["2001:db8::/32", "2001:db8:1234::1", true],
    ["2001:db8::/32", "2001:db9::1", false],
    ["::1/128", "::1", true],
    ["::ffff:0:0/96", "10.0.0.1", false],
    ["10.0.0.0/8", "2001:db8::1", false],
    ["fe80::/10", "fe80::1%eth0", true],
    ["10.0.0.0/8", "not an ip", false],
  ])("%s contains %s: %s", (range, ip, expected) => {
    expect(ipInCidr(ip, range)).toBe(expected);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "256.0.0.1", "10.0.0.01", "2001:db8::/129", "1::2::3", "10.0.0.0/8/1", "/8", "", "10.0.0.0/-1", "gggg::"])("refuses %j", (text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it("parses IPv6 forms", () => {
    expect(parseCidr("::")).toEqual({ version: 6, network: BigInt(0), bits: 128 });
    expect(parseCidr("::ffff:1.2.3.4")?.network).toBe((BigInt(0xffff) << BigInt(32)) + BigInt(0x01020304));
    expect(parseCidr("1:2:3:4:5:6:7:8")?.bits).toBe(128);
  });

  it("parses a list and names the bad entries", () => {
    expect(parseCidrList("10.0.0.0/8, 192.168.0.1\n2001:db8::/32")).toEqual({ ok: true, ranges: ["10.0.0.0/8", "192.168.0.1", "2001:db8::/32"] });
    expect(parseCidrList("10.0.0.0/8, bogus, 1.2.3.4/40")).toEqual({ ok: false, invalid: ["bogus", "1.2.3.4/40"] });
    expect(parseCidrList("")).toEqual({ ok: true, ranges: [] });
  });

  it("an empty allow-list allows any address; otherwise refuses by default", () => {
    expect(ipAllowed("8.8.8.8", "")).toBe(true);
    expect(ipAllowed(null, "")).toBe(true);
    expect(ipAllowed("10.1.1.1", "10.0.0.0/8,192.168.0.0/16")).toBe(true);
    expect(ipAllowed("8.8.8.8", "10.0.0.0/8,192.168.0.0/16")).toBe(false);
    expect(ipAllowed(null, "10.0.0.0/8")).toBe(false);
  });
});
