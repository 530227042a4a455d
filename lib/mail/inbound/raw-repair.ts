// Repairs for real-world mail that parsers read wrongly, applied before and after mailparser.
// Pure functions over bytes and strings.

function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf === -1) return lf;
  if (lf === -1) return crlf;
  return Math.min(crlf, lf);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function strictDecode(charset: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Headers with raw 8-bit bytes that are not UTF-8 (a Chinese subject sent as bare GB2312) are read
 * as UTF-8 by the parser and come out as replacement characters. The sender's client used the same
 * charset as the body, so decode the header block with the first charset the message declares
 * (windows-1252 if none) and hand the parser UTF-8 headers, which it reads natively.
 */
export function repairEightBitHeaders(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  if (end <= 0) return raw;
  const head = raw.subarray(0, end);
  if (!head.some((b) => b >= 0x80) || isUtf8(head)) return raw;
  const declared = [...raw.subarray(0, Math.min(raw.length, 200_000)).toString("latin1").matchAll(/charset\s*=\s*"?([A-Za-z0-9_.:-]+)/gi)].map((m) => m[1].toLowerCase());
  // The charset declared most often that reads the header without errors (a forwarded report part
  // may declare another one first); windows-1252 reads anything.
  const counts = new Map<string, number>();
  for (const c of declared) if (!["us-ascii", "utf-8", "utf8"].includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const charset = ranked.find((c) => strictDecode(c, head) !== null) ?? "windows-1252";
  const decoded = strictDecode(charset, head) ?? new TextDecoder("windows-1252").decode(head);
  return Buffer.concat([Buffer.from(decoded, "utf8"), raw.subarray(end)]);
}

/** UTF-7 (RFC 2152): "+ANw-bermittlung" → "Übermittlung". Node's TextDecoder has no UTF-7. */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]*)-?/g, (whole, b64: string) => {
    if (b64 === "") return whole.endsWith("-") ? "+" : whole;
    const bytes = Buffer.from(b64, "base64");
    let out = "";
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  });
}

/** The raw (undecoded) value of a header, folding removed, or "" when absent. */
export function rawHeader(raw: Buffer, name: string): string {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 100_000) : end).toString("latin1");
  const m = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, "im").exec(head);
  return m ? m[1].replace(/\r?\n[ \t]+/g, " ").trim() : "";
}

/** A sender address as usable for a reply: "ann@example.com." (absolute DNS form) → "ann@example.com". */
export function normaliseAddress(address: string): string {
  return address.trim().replace(/\.+$/, "").toLowerCase();
}
