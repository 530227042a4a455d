// IP ranges in CIDR notation (10.0.0.0/8, 2001:db8::/32), parsed and matched without any library.
// Pure and browser-safe, so the API key form can validate with it too. A bare address means that
// one address. IPv4-mapped IPv6 addresses (::ffff:10.1.2.3, what a dual-stack server reports) match
// IPv4 ranges.
export type Cidr = { version: 4 | 6; network: bigint; bits: number };

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = BigInt(0);
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << BigInt(8)) + BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split("::").length > 2) return null;
  let tail = text;
  let v4: bigint | null = null;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = text.slice(0, lastColon + 1) + "0:0";
  }
  const [head, rest] = tail.includes("::") ? tail.split("::") : [tail, null];
  const left = head ? head.split(":") : [];
  const right = rest === null ? [] : rest ? rest.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (rest === null ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(rest === null ? 0 : missing).fill("0"), ...right];
  let value = BigInt(0);
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << BigInt(16)) + BigInt(parseInt(g, 16));
  }
  if (v4 !== null) value = (value & ~BigInt(0xffffffff)) | v4;
  return value;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | null {
  const t = text.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = parseIPv4(t);
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = parseIPv6(t);
  if (v6 === null) return null;
  // ::ffff:a.b.c.d is an IPv4 address seen through an IPv6 socket.
  if (v6 >> BigInt(32) === BigInt(0xffff)) return { version: 4, value: v6 & BigInt(0xffffffff) };
  return { version: 6, value: v6 };
}

const mask = (version: 4 | 6, bits: number) => {
  const width = BigInt(version === 4 ? 32 : 128);
  const all = (BigInt(1) << width) - BigInt(1);
  return all ^ ((BigInt(1) << (width - BigInt(bits))) - BigInt(1));
};

export function parseCidr(text: string): Cidr | null {
  const [address, length, extra] = text.trim().split("/");
  if (extra !== undefined || !address) return null;
  const ip = parseIPv4(address) !== null ? { version: 4 as const, value: parseIPv4(address)! } : parseIPv6(address) !== null ? { version: 6 as const, value: parseIPv6(address)! } : null;
  if (!ip) return null;
  const max = ip.version === 4 ? 32 : 128;
  if (length !== undefined && !/^\d{1,3}$/.test(length)) return null;
  const bits = length === undefined ? max : Number(length);
  if (bits > max) return null;
  return { version: ip.version, network: ip.value & mask(ip.version, bits), bits };
}

/** Splits a comma/space/newline separated list; returns the ranges, or the entries that are not valid. */
export function parseCidrList(text: string): { ok: true; ranges: string[] } | { ok: false; invalid: string[] } {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const invalid = entries.filter((e) => parseCidr(e) === null);
  return invalid.length ? { ok: false, invalid } : { ok: true, ranges: [...new Set(entries)] };
}

export function ipInCidr(ip: string, range: string): boolean {
  const address = parseIp(ip);
  const cidr = parseCidr(range);
  if (!address || !cidr || address.version !== cidr.version) return false;
  return (address.value & mask(cidr.version, cidr.bits)) === cidr.network;
}
