// Text in an undeclared or wrongly declared charset (Japanese, Chinese, Korean mail from old
// clients: raw 8-bit headers, file names, bodies without a charset). The charsets the message
// declares are tried first, then what a maintained detector (chardet) finds; decoding is by
// iconv-lite, or by the platform's TextDecoder for ISO-2022-JP (which iconv-lite lacks). A
// single-byte charset decodes any bytes, so it is never proof: a multi-byte charset that decodes
// the bytes without error into East Asian script is preferred over it. Pure.
import chardet from "chardet";
import iconv from "iconv-lite";

const MULTI_BYTE = /^(shift_jis|sjis|windows-31j|cp932|euc-jp|iso-2022-jp|gb2312|gbk|gb18030|cp936|big5|big5-hkscs|euc-kr|ks_c_5601-1987|cp949|euc-tw)$/i;
const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Strictly: null when the bytes are not valid in that charset (or the charset is unknown). */
export function decodeStrict(bytes: Uint8Array, charset: string): string | null {
  const name = charset.toLowerCase();
  if (name === "iso-2022-jp" || name === "utf-8" || name === "utf8") {
    try {
      return new TextDecoder(name, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  if (!iconv.encodingExists(name)) return null;
  const text = iconv.decode(Buffer.from(bytes), name);
  return text.includes("\uFFFD") ? null : text;
}

function mostlyEastAsian(text: string): boolean {
  const wide = [...text].filter((c) => c.charCodeAt(0) > 0x7f);
  if (!wide.length) return false;
  return wide.filter((c) => EAST_ASIAN.test(c)).length / wide.length >= 0.9;
}

/**
 * East Asian text is dense in 8-bit bytes; European text has a few among ASCII letters ("Grüße"),
 * which a double-byte charset can also read, as rare ideographs. Of the words that have 8-bit
 * bytes, the share of such bytes tells the two apart.
 */
function denseEightBit(bytes: Uint8Array): boolean {
  let high = 0;
  let total = 0;
  for (const word of Buffer.from(bytes).toString("latin1").split(/[\s"'<>()=;:,./_?[\]-]+/)) {
    const count = [...word].filter((c) => c.charCodeAt(0) >= 0x80 || c === "\x1b").length;
    if (!count) continue;
    high += count;
    total += word.length;
  }
  return total > 0 && high / total >= 0.5;
}

export const isMultiByte = (charset: string) => MULTI_BYTE.test(charset);

const isUtf8 = (bytes: Uint8Array) => decodeStrict(bytes, "utf-8") !== null;
/** ESC $ B / ESC $ @ / ESC $ ( D: ISO-2022-JP is 7-bit, so "no 8-bit bytes" does not mean ASCII. */
const hasIso2022Escapes = (bytes: Uint8Array) => Buffer.from(bytes).includes(Buffer.from([0x1b, 0x24]));

/** True when the bytes need a charset decision (8-bit and not UTF-8, or ISO-2022-JP escapes). */
export function needsCharset(bytes: Uint8Array): boolean {
  return hasIso2022Escapes(bytes) || (bytes.some((b) => b >= 0x80) && !isUtf8(bytes));
}

/**
 * The charset to read these bytes with. `declared`: the message's own charset labels, most
 * trusted first. Falls back to windows-1252, which reads any byte.
 */
export function chooseCharset(bytes: Uint8Array, declared: string[]): string {
  if (!needsCharset(bytes)) return "utf-8";
  const detected = chardet.analyse(bytes).map((m) => m.name.toLowerCase());
  const known = [...new Set([...declared.map((d) => d.toLowerCase()), ...detected])].filter((c) => !["utf-8", "utf8", "us-ascii", "ascii"].includes(c));
  // A declared single-byte charset that reads the bytes is believed ("äöüß" is dense 8-bit too),
  // unless the detector's own first choice is a multi-byte charset (GB2312 labelled ISO-8859-1).
  const singleDeclared = declared.some((d) => d && !MULTI_BYTE.test(d) && !["utf-8", "utf8", "us-ascii", "ascii"].includes(d.toLowerCase()) && decodeStrict(bytes, d) !== null);
  const trustMultiByte = !singleDeclared || (detected[0] !== undefined && MULTI_BYTE.test(detected[0]));
  // A multi-byte charset that reads the bytes cleanly as East Asian text: declared ones first.
  for (const charset of trustMultiByte ? known : []) {
    if (!MULTI_BYTE.test(charset)) continue;
    if (charset !== "iso-2022-jp" && !denseEightBit(bytes)) continue;
    const text = decodeStrict(bytes, charset);
    if (text !== null && mostlyEastAsian(text)) return charset;
  }
  // Otherwise the declared single-byte charset, then the detector's; the first that reads at all.
  for (const charset of known) if (!MULTI_BYTE.test(charset) && decodeStrict(bytes, charset) !== null) return charset;
  return "windows-1252";
}

export function decodeWith(bytes: Uint8Array, charset: string): string {
  return decodeStrict(bytes, charset) ?? (iconv.encodingExists(charset) ? iconv.decode(Buffer.from(bytes), charset) : iconv.decode(Buffer.from(bytes), "windows-1252"));
}

/** The bytes as text, in the charset chosen for them. */
export function decodeUnknown(bytes: Uint8Array, declared: string[]): string {
  return decodeWith(bytes, chooseCharset(bytes, declared));
}
