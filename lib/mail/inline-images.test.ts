import { describe, expect, it } from "vitest";
import { resolveCidLinks } from "./inline-images";

const png = { contentId: "image001.png@01D9AB12.34CD5670", contentType: "image/png", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };

describe("resolveCidLinks", () => {
  it("replaces a cid: image source by the image as a data: URL", () => {
    expect(resolveCidLinks('<p>See:</p><img src="cid:image001.png@01D9AB12.34CD5670" alt="x">', [png])).toBe('<p>See:</p><img src="data:image/png;base64,iVBORw==" alt="x">');
  });

  it("matches Content-IDs case-insensitively and percent-decoded (RFC 2392)", () => {
    expect(resolveCidLinks('<img src="cid:IMAGE001.png%4001D9AB12.34CD5670">', [png])).toContain("data:image/png;base64,");
  });

  it("leaves unknown cid: links and other sources alone", () => {
    const html = '<img src="cid:other@x"><a href="cid:image001.png@01D9AB12.34CD5670">link</a>';
    expect(resolveCidLinks(html, [png])).toBe(html);
    expect(resolveCidLinks(html, [])).toBe(html);
  });
});
