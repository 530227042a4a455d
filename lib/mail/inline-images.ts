// cid: links in a mail's HTML (inline images, RFC 2392) resolved to the images themselves. The
// original email is shown in a sandboxed frame whose policy loads nothing from the network
// (components/tickets/original-email.tsx), so the image comes along as a data: URL rather than as
// a link the frame would have to fetch. Only raster types a browser draws without running code
// (never SVG), and only up to a size, so a page never carries megabytes for a click it may not make.

export const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
export const MAX_INLINE_BYTES = 512 * 1024;
export const MAX_INLINE_TOTAL = 2 * 1024 * 1024;

export type InlineImage = { contentId: string; contentType: string; bytes: Uint8Array };

/** The HTML with every `cid:` image source that names one of the images replaced by its data: URL; others are left (they show as missing). */
export function resolveCidLinks(html: string, images: InlineImage[]): string {
  if (!images.length || !/cid:/i.test(html)) return html;
  const byId = new Map(images.map((i) => [i.contentId.toLowerCase(), i]));
  return html.replace(/(<img\b[^>]*?\bsrc=")cid:([^"]+)"/gi, (whole, start: string, id: string) => {
    const image = byId.get(decodeURIComponent(id.replace(/&amp;/g, "&")).trim().toLowerCase());
    return image ? `${start}data:${image.contentType};base64,${Buffer.from(image.bytes).toString("base64")}"` : whole;
  });
}
