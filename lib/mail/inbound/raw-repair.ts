// Repairs for real-world mail that parsers read wrongly, applied before and after mailparser.
// Pure functions over bytes and strings.
import { chooseCharset, decodeStrict, decodeUnknown, isMultiByte, needsCharset } from "./charset";

function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf === -1) return lf;
  if (lf === -1) return crlf;
  return Math.min(crlf, lf);
}


/** Charsets the message declares, most often declared first (a forwarded report part may declare another one first). */
function declaredCharsets(raw: Buffer): string[] {
  const declared = [...raw.subarray(0, Math.min(raw.length, 200_000)).toString("latin1").matchAll(/charset\s*=\s*"?([A-Za-z0-9_.:-]+)/gi)].map((m) => m[1].toLowerCase());
  const counts = new Map<string, number>();
  for (const c of declared) if (!["us-ascii", "utf-8", "utf8"].includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

type Part = { headStart: number; headEnd: number; bodyEnd: number };

/** Header blocks (the message's and every MIME part's) with their bodies, as byte offsets. */
function mimeParts(raw: Buffer): Part[] {
  const text = raw.toString("latin1");
  const boundaries = [...new Set([...text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;"]+))/gi)].map((m) => m[1] ?? m[2]))];
  const lines: { start: number; next: number; closing: boolean }[] = [];
  if (boundaries.length) {
    const escaped = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    for (const m of text.matchAll(new RegExp(`^--(?:${escaped})(--)?[ \\t]*\\r?$\\n?`, "gm"))) lines.push({ start: m.index, next: m.index + m[0].length, closing: !!m[1] });
  }
  const blankAfter = (from: number) => {
    const m = /\r?\n\r?\n/.exec(text.slice(from, from + 200_000));
    return m ? from + m.index + m[0].length : -1;
  };
  const starts = [0, ...lines.filter((l) => !l.closing).map((l) => l.next)];
  const parts: Part[] = [];
  for (const headStart of starts) {
    const headEnd = blankAfter(headStart);
    if (headEnd === -1) continue;
    const bodyEnd = lines.find((l) => l.start >= headEnd)?.start ?? raw.length;
    parts.push({ headStart, headEnd, bodyEnd });
  }
  return parts;
}

function partCharset(head: string): string | null {
  return /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/** The bytes a part's body stands for, undoing base64 or quoted-printable; null when it is neither text nor readable. */
function bodyBytes(head: string, body: Buffer): Buffer | null {
  const encoding = /^content-transfer-encoding:[ \t]*([\w-]+)/im.exec(head)?.[1]?.toLowerCase() ?? "7bit";
  if (encoding === "base64") return Buffer.from(body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (encoding === "quoted-printable") return Buffer.from(body.toString("latin1").replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
  return ["7bit", "8bit", "binary"].includes(encoding) ? body : null;
}

/**
 * A text part's Content-Type with the charset its body really has, when it declares none, or one
 * no decoder knows, or UTF-8 that is not: the parser would otherwise read it as Latin-1 (mojibake).
 */
function withBodyCharset(head: string, body: Buffer, declared: string[]): string {
  const type = /^content-type:[ \t]*([^;\s]+)/im.exec(head)?.[1]?.toLowerCase() ?? "text/plain";
  if (!type.startsWith("text/")) return head;
  const bytes = bodyBytes(head, body);
  if (!bytes || !needsCharset(bytes)) return head;
  const current = partCharset(head);
  const charset = chooseCharset(bytes, current ? [current, ...declared] : declared);
  // A label that reads the bytes stays, unless a multi-byte reading is clearly right (GB2312 sent as ISO-8859-1).
  const readable = current && !["us-ascii", "ascii"].includes(current) && decodeStrict(bytes, current) !== null;
  if (charset === current || (readable && !isMultiByte(charset))) return head;
  if (/^content-type:/im.test(head)) {
    return current
      ? head.replace(/(charset\s*=\s*)"?[A-Za-z0-9_.:-]+"?/i, `$1"${charset}"`)
      : head.replace(/^(content-type:[ \t]*[^;\r\n]+)/im, `$1; charset="${charset}"`);
  }
  return head.replace(/\r?\n\r?\n$/, `\r\nContent-Type: text/plain; charset="${charset}"\r\n\r\n`);
}

/**
 * Mail whose text is in an undeclared or wrong charset: raw 8-bit header blocks (the message's and
 * every MIME part's, with their file names), and text bodies without a usable charset label. Each
 * header block is decoded with the charset chosen for it (charset.ts) and handed to the parser as
 * UTF-8, which it reads natively; text bodies get the charset label they need.
 */
export function repairEightBitHeaders(raw: Buffer): Buffer {
  const parts = mimeParts(raw);
  if (!parts.length) return raw;
  const ranked = declaredCharsets(raw);
  const out: Buffer[] = [];
  let at = 0;
  let changed = false;
  for (const part of parts) {
    if (part.headStart < at) continue;
    const headBytes = raw.subarray(part.headStart, part.headEnd);
    let head = needsCharset(headBytes) ? decodeUnknown(headBytes, [partCharset(headBytes.toString("latin1")) ?? "", ...ranked].filter(Boolean)) : headBytes.toString("latin1");
    // A decoded block is Unicode text; an untouched one is latin1 text standing for its own bytes.
    const isUtf8Head = needsCharset(headBytes) || !headBytes.some((b) => b >= 0x80);
    const ownCharset = partCharset(head);
    head = withBodyCharset(head, raw.subarray(part.headEnd, part.bodyEnd), [...(ownCharset ? [ownCharset] : []), ...ranked]);
    const encoded = isUtf8Head ? Buffer.from(head, "utf8") : Buffer.from(head, "latin1");
    if (!encoded.equals(headBytes)) changed = true;
    out.push(raw.subarray(at, part.headStart), encoded);
    at = part.headEnd;
  }
  if (!changed) return raw;
  out.push(raw.subarray(at));
  return Buffer.concat(out);
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
