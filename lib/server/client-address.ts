// Who is the client? One answer for the whole app: the portal's rate limits, sign-in throttling,
// the failed sign-in log and the API keys' address allow-lists all ask here.
//
// The socket's peer address is the only fact. The production server entry (scripts/server-entry.cjs)
// writes it into x-helpdesk-peer, replacing any copy a client sent, and scripts/request-guard.cjs
// marks the process so that header is believed; without that mark (`next dev`, or Next's server
// started some other way) a client could write the header itself, so the address is unknown (null).
//
// X-Forwarded-For is written by the client, and proxies append to it. Only when the peer is one of
// TRUSTED_PROXIES is it read, from the right: each entry a trusted proxy appended is a fact about
// the hop before it, and the first address that is not a trusted proxy is the client. IIS with ARR
// appends the client with its port (203.0.113.9:51234, [2001:db8::1]:51234); the port is dropped.
import { normalizeAddress, parseAddress, parseRange, addressInRanges, type Range } from "./ip-ranges";

export const PEER_HEADER = "x-helpdesk-peer";

/** Set by scripts/request-guard.cjs in the production server process (a global, not an environment variable, so nothing else can set it). */
const EDGE = Symbol.for("helpdesk.edge");
type EdgeState = { peerHeader?: boolean };

export type HeaderSource = Headers | Record<string, string | string[] | undefined> | null | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** An X-Forwarded-For entry without the port a proxy may have added: "203.0.113.9:51234", "[2001:db8::1]:51234". */
export function forwardedEntryAddress(entry: string): string {
  const t = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(t);
  if (bracketed) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(t);
  return v4WithPort ? v4WithPort[1] : t;
}

export function parseTrustedProxies(text: string | undefined): { ranges: Range[]; invalid: string[] } {
  const ranges: Range[] = [];
  const invalid: string[] = [];
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else invalid.push(entry);
  }
  return { ranges, invalid };
}

/**
 * The client address from the socket peer and X-Forwarded-For, given the trusted proxies. An entry
 * that is not an address (garbage, "unknown") ends the walk at the trusted hop that passed it on:
 * nothing a client wrote is ever believed.
 */
export function decideClientAddress(peer: string | null, forwardedFor: string | null, trusted: readonly Range[]): string | null {
  let current = peer ? parseAddress(peer) : null;
  if (!current) return null;
  const hops = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    if (!addressInRanges(current, trusted)) break;
    const next = parseAddress(forwardedEntryAddress(hop));
    if (!next) break;
    current = next;
  }
  return normalizeAddress(current.toString());
}

let trustedCache: { text: string | undefined; ranges: Range[] } | null = null;

function trustedProxies(): Range[] {
  const text = process.env.TRUSTED_PROXIES;
  if (!trustedCache || trustedCache.text !== text) {
    const parsed = parseTrustedProxies(text);
    // The start script refuses such a value; this is for a server started another way.
    if (parsed.invalid.length) console.error(`[client-address] TRUSTED_PROXIES: ignoring what is not an address or range: ${parsed.invalid.join(", ")}`);
    trustedCache = { text, ranges: parsed.ranges };
  }
  return trustedCache.ranges;
}

function socketPeer(headers: HeaderSource): string | null {
  const edge = (globalThis as { [EDGE]?: EdgeState })[EDGE];
  return edge?.peerHeader ? header(headers, PEER_HEADER) : null;
}

/** The client's address (canonical spelling), or null when it cannot be known (see the top of this file). */
export function clientAddress(headers: HeaderSource): string | null {
  return decideClientAddress(socketPeer(headers), header(headers, "x-forwarded-for"), trustedProxies());
}
