import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientAddress, decideClientAddress, forwardedEntryAddress, parseTrustedProxies } from "./client-address";

const EDGE = Symbol.for("helpdesk.edge");
const trusted = (text: string) => parseTrustedProxies(text).ranges;

describe("forwardedEntryAddress", () => {
  it.each([
    ["203.0.113.9:51234", "203.0.113.9"],
    ["203.0.113.9", "203.0.113.9"],
    ["[2001:db8::1]:51234", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    [" 198.51.100.7 ", "198.51.100.7"],
    ["unknown", "unknown"],
  ])("%s → %s", (entry, address) => {
    expect(forwardedEntryAddress(entry)).toBe(address);
  });
});

describe("decideClientAddress", () => {
  it("with no trusted proxy the socket peer counts, whatever X-Forwarded-For says", () => {
    expect(decideClientAddress("127.0.0.1", "203.0.113.66", [])).toBe("127.0.0.1");
    expect(decideClientAddress("198.51.100.7", null, [])).toBe("198.51.100.7");
  });

  it("walks from the right past trusted proxies; the first other address is the client", () => {
    const proxies = trusted("127.0.0.1, ::1, 10.0.0.0/8");
    // ARR appends the client with its port after whatever the client wrote.
    expect(decideClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9:51234", proxies)).toBe("203.0.113.9");
    expect(decideClientAddress("::1", "[2001:db8::1]:51234", proxies)).toBe("2001:db8::1");
    expect(decideClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.5", proxies)).toBe("203.0.113.9");
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    expect(decideClientAddress("::ffff:127.0.0.1", "203.0.113.9:443", proxies)).toBe("203.0.113.9");
  });

  it("an untrusted peer is the client even when it sends X-Forwarded-For", () => {
    expect(decideClientAddress("127.0.0.2", "203.0.113.9", trusted("127.0.0.1"))).toBe("127.0.0.2");
  });

  it("stops at the trusted hop when an entry is not an address, and believes nothing a client wrote", () => {
    const proxies = trusted("127.0.0.1, 10.0.0.0/8");
    expect(decideClientAddress("127.0.0.1", "203.0.113.9, unknown, 10.0.0.5", proxies)).toBe("10.0.0.5");
    expect(decideClientAddress("127.0.0.1", "garbage", proxies)).toBe("127.0.0.1");
    expect(decideClientAddress("127.0.0.1", "", proxies)).toBe("127.0.0.1");
    // Every hop a trusted proxy: the furthest one is all that is known.
    expect(decideClientAddress("127.0.0.1", "10.0.0.9, 10.0.0.5", proxies)).toBe("10.0.0.9");
  });

  it("writes IPv6 one way and knows nothing without a peer", () => {
    expect(decideClientAddress("2001:0db8:0000::0001", null, [])).toBe("2001:db8::1");
    expect(decideClientAddress(null, "203.0.113.9", trusted("0.0.0.0/0"))).toBeNull();
    expect(decideClientAddress("not-an-address", null, [])).toBeNull();
  });

  it("parses TRUSTED_PROXIES and names what is not an address", () => {
    expect(parseTrustedProxies("127.0.0.1,::1 10.0.0.0/8").ranges).toHaveLength(3);
    expect(parseTrustedProxies("127.0.0.1, localhost, 10.0.0.0/33").invalid).toEqual(["localhost", "10.0.0.0/33"]);
    expect(parseTrustedProxies(undefined)).toEqual({ ranges: [], invalid: [] });
  });
});

describe("clientAddress", () => {
  beforeEach(() => {
    (globalThis as Record<symbol, unknown>)[EDGE] = { peerHeader: true };
  });
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[EDGE];
    vi.unstubAllEnvs();
  });

  it("reads the peer the server entry wrote, and X-Forwarded-For only from a trusted proxy", () => {
    const h = new Headers({ "x-helpdesk-peer": "127.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9:51234" });
    vi.stubEnv("TRUSTED_PROXIES", "");
    expect(clientAddress(h)).toBe("127.0.0.1");
    vi.stubEnv("TRUSTED_PROXIES", "127.0.0.1,::1");
    expect(clientAddress(h)).toBe("203.0.113.9");
    // next-auth hands authorize() the headers as a plain object.
    expect(clientAddress({ "x-helpdesk-peer": "::1", "x-forwarded-for": ["6.6.6.6", "[2001:db8::7]:4711"] })).toBe("2001:db8::7");
  });

  it("believes no peer header unless the server entry's guard marked the process", () => {
    delete (globalThis as Record<symbol, unknown>)[EDGE];
    expect(clientAddress(new Headers({ "x-helpdesk-peer": "127.0.0.1", "x-forwarded-for": "203.0.113.9" }))).toBeNull();
    expect(clientAddress(undefined)).toBeNull();
  });
});
