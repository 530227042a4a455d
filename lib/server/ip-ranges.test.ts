import { describe, expect, it } from "vitest";
import { addressInRange, addressInRanges, normalizeAddress, parseAddress, parseRange, parseRangeList } from "./ip-ranges";

describe("addresses and ranges", () => {
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
    ["::1", "[::1]", true],
    ["::ffff:0:0/96", "10.0.0.1", false],
    ["10.0.0.0/8", "2001:db8::1", false],
    ["fe80::/10", "fe80::1%eth0", true],
    ["10.0.0.0/8", "not an ip", false],
    ["10.0.0.0/8", "010.0.0.1", false],
    ["127.0.0.0/8", "127.1", false],
    ["127.0.0.0/8", "0x7f.0.0.1", false],
  ])("%s contains %s: %s", (range, ip, expected) => {
    expect(addressInRange(ip, range)).toBe(expected);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "256.0.0.1", "10.0.0.01", "2001:db8::/129", "1::2::3", "10.0.0.0/8/1", "/8", "", "10.0.0.0/-1", "gggg::", "fe80::1%eth0/64", "10.0.0.0/8a", "127.1", "[::1]"])("refuses the range %j", (text) => {
    expect(parseRange(text)).toBeNull();
  });

  it("parses IPv6 forms and writes every address one way", () => {
    expect(parseRange("::")?.[1]).toBe(128);
    expect(parseRange("1:2:3:4:5:6:7:8")?.[1]).toBe(128);
    expect(normalizeAddress("2001:0DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(parseAddress("203.0.113.9:51234")).toBeNull();
  });

  it("parses a list and names the bad entries", () => {
    expect(parseRangeList("10.0.0.0/8, 192.168.0.1\n2001:db8::/32")).toEqual({ ok: true, ranges: ["10.0.0.0/8", "192.168.0.1", "2001:db8::/32"] });
    expect(parseRangeList("10.0.0.0/8, bogus, 1.2.3.4/40")).toEqual({ ok: false, invalid: ["bogus", "1.2.3.4/40"] });
    expect(parseRangeList("")).toEqual({ ok: true, ranges: [] });
    expect(addressInRanges("192.168.5.5", ["10.0.0.0/8", "192.168.0.0/16"])).toBe(true);
    expect(addressInRanges("garbage", ["0.0.0.0/0"])).toBe(false);
  });
});
