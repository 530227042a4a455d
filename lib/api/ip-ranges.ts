// Client addresses against an API key's allowed ranges. Pure; refuses by default: a list that
// cannot be read, or an address that is missing or malformed, never passes a non-empty list.
import net from "node:net";

/** "::ffff:10.1.2.3" (IPv4 seen through an IPv6 socket) is the IPv4 address it carries. */
export function normaliseIp(ip: string): string | null {
  let value = ip.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1];
  const zone = value.indexOf("%");
  if (zone !== -1) value = value.slice(0, zone);
  return net.isIP(value) ? value : null;
}

function addRange(list: net.BlockList, range: string): boolean {
  const [base, prefix, ...rest] = range.trim().split("/");
  const ip = normaliseIp(base ?? "");
  if (!ip || rest.length) return false;
  const type = net.isIPv4(ip) ? "ipv4" : "ipv6";
  const max = type === "ipv4" ? 32 : 128;
  if (prefix === undefined) {
    list.addAddress(ip, type);
    return true;
  }
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return false;
  list.addSubnet(ip, Number(prefix), type);
  return true;
}

/** Comma-separated CIDR ranges (or single addresses); empty means any address. */
export function ipAllowed(ip: string | null | undefined, allowedIps: string): boolean {
  const ranges = allowedIps.split(",").map((r) => r.trim()).filter(Boolean);
  if (!ranges.length) return true;
  const address = ip ? normaliseIp(ip) : null;
  if (!address) return false;
  const list = new net.BlockList();
  // One unreadable range makes the whole list refuse: a typo must not widen access.
  if (!ranges.every((r) => addRange(list, r))) return false;
  return list.check(address, net.isIPv4(address) ? "ipv4" : "ipv6");
}

/** Comma-separated ranges that all parse, for validating an admin's input. */
export function validIpRanges(allowedIps: string): boolean {
  const list = new net.BlockList();
  return allowedIps.split(",").map((r) => r.trim()).filter(Boolean).every((r) => addRange(list, r));
}
