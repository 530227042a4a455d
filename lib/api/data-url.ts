// RFC 2397 data URLs, as osTicket's API takes them for the message and for attachments. Pure.

export type DataUrl = { mediaType: string; charset: string | null; bytes: Buffer };

export function parseDataUrl(value: string): DataUrl | null {
  const m = /^data:([^,]*?),(.*)$/s.exec(value.trim());
  if (!m) return null;
  const params = m[1].split(";").map((p) => p.trim());
  const base64 = params[params.length - 1]?.toLowerCase() === "base64";
  if (base64) params.pop();
  const mediaType = (params.shift() || "text/plain").toLowerCase();
  const charset = params.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, "") ?? null;
  if (base64) {
    const data = m[2].replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return null;
    return { mediaType, charset, bytes: Buffer.from(data, "base64") };
  }
  try {
    return { mediaType, charset, bytes: Buffer.from(decodeURIComponent(m[2]), "utf8") };
  } catch {
    return { mediaType, charset, bytes: Buffer.from(m[2], "utf8") };
  }
}

/** The text of a data URL in its declared charset (UTF-8 by default). */
export function dataUrlText(url: DataUrl): string {
  try {
    return new TextDecoder(url.charset ?? "utf-8").decode(url.bytes);
  } catch {
    return url.bytes.toString("utf8");
  }
}
