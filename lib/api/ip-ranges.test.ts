import { describe, expect, it } from "vitest";
import { ipAllowed, normaliseIp, validIpRanges } from "./ip-ranges";

describe("ipAllowed", () => {
  it.each([
    ["10.1.2.3", "", true],
    ["10.1.2.3", "10.0.0.0/8", true],
    ["11.1.2.3", "10.0.0.0/8", false],
    ["192.168.1.10", "10.0.0.0/8, 192.168.1.0/24", true],
    ["192.168.2.10", "10.0.0.0/8, 192.168.1.0/24", false],
    ["203.0.113.7", "203.0.113.7", true],
    ["203.0.113.8", "203.0.113.7/32", false],
    ["::ffff:10.9.9.9", "10.0.0.0/8", true],
    ["2001:db8::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["[2001:db8::1]", "2001:db8::1", true],
    ["fe80::1%eth0", "fe80::/10", true],
    ["0.0.0.0", "0.0.0.0/0", true],
    ["2001:db8::1", "10.0.0.0/8", false],
    [null, "10.0.0.0/8", false],
    ["not-an-ip", "10.0.0.0/8", false],
    ["10.1.2.3", "10.0.0.0/8, bogus", false],
    ["10.1.2.3", "10.0.0.0/33", false],
  ])("%s in %j → %s", (ip, ranges, expected) => {
    expect(ipAllowed(ip, ranges)).toBe(expected);
  });

  it("validates an admin's list", () => {
    expect(validIpRanges("10.0.0.0/8, 2001:db8::/32, 203.0.113.7")).toBe(true);
    expect(validIpRanges("10.0.0.0/8, 300.0.0.1")).toBe(false);
    expect(normaliseIp(" 10.0.0.1 ")).toBe("10.0.0.1");
  });
});
