// Addresses and ranges (10.0.0.0/8, 2001:db8::/32, or one address) for the API keys' allow-lists
// and TRUSTED_PROXIES, parsed by ipaddr.js. Pure and browser-safe, so the API key form validates
// with it too. Strict on purpose: only dotted-quad IPv4 (ipaddr.js alone would read "010.1" or
// "0x7f.1" as addresses, which no admin means), IPv6 with its zone dropped (a zone is local to one
// machine), and an IPv4 address seen through an IPv6 socket (::ffff:10.1.2.3) counts as IPv4.
import ipaddr from "ipaddr.js";

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Range = [Address, number];

/** "203.0.113.9", "[2001:db8::1]", "::ffff:10.1.2.3", "fe80::1%eth0" → the address; anything else → null. */
export function parseAddress(text: string): Address | null {
  const t = text.trim().replace(/^\[(.*)\]$/, "$1").replace(/%[^%]*$/, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (!t.includes(":") || !ipaddr.IPv6.isValid(t)) return null;
  const v6 = ipaddr.IPv6.parse(t);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** The address in one canonical spelling (IPv6 as RFC 5952), so counters and logs agree on it. */
export function normalizeAddress(text: string): string | null {
  const address = parseAddress(text);
  return address ? (address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString()) : null;
}

/** One address (a range of one) or address/bits. */
export function parseRange(text: string): Range | null {
  const [head, bits, extra] = text.trim().split("/");
  if (extra !== undefined || !head || head.includes("%")) return null;
  let address: Address;
  if (ipaddr.IPv4.isValidFourPartDecimal(head)) address = ipaddr.IPv4.parse(head);
  else if (head.includes(":") && ipaddr.IPv6.isValid(head)) address = ipaddr.IPv6.parse(head);
  else return null;
  const max = address.kind() === "ipv4" ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const length = bits === undefined ? max : Number(bits);
  return length <= max ? [address, length] : null;
}

/** Splits a comma, space or newline separated list; returns the ranges, or the entries that are not valid. */
export function parseRangeList(text: string): { ok: true; ranges: string[] } | { ok: false; invalid: string[] } {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const invalid = entries.filter((e) => parseRange(e) === null);
  return invalid.length ? { ok: false, invalid } : { ok: true, ranges: [...new Set(entries)] };
}

export function addressInRange(address: Address | string, range: Range | string): boolean {
  const a = typeof address === "string" ? parseAddress(address) : address;
  const r = typeof range === "string" ? parseRange(range) : range;
  if (!a || !r || a.kind() !== r[0].kind()) return false;
  return a.match(r);
}

export function addressInRanges(address: Address | string, ranges: readonly (Range | string)[]): boolean {
  const a = typeof address === "string" ? parseAddress(address) : address;
  return a !== null && ranges.some((r) => addressInRange(a, r));
}
