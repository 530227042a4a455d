import { describe, expect, it } from "vitest";
import { htmlToPlainText, sanitizeMailHtml } from "./html";

describe("sanitizeMailHtml", () => {
  it("drops scripts, event handlers, styles and javascript: links", () => {
    const out = sanitizeMailHtml(`<p onclick="x()">Hi<script>alert(1)</script><style>p{}</style></p><a href="javascript:alert(1)">x</a><iframe src="https://x"></iframe>`);
    expect(out).toBe(`<p>Hi</p><a rel="noopener noreferrer nofollow" target="_blank">x</a>`);
  });

  it("drops remote and data images but keeps cid: references to attachments", () => {
    const out = sanitizeMailHtml(`<img src="http://tracker.example/p.gif"><img src="https://x/y.png" alt="y"><img src="data:image/png;base64,AAAA"><img src="cid:logo@x" alt="logo">`);
    expect(out).toBe(`<img src="cid:logo@x" alt="logo" />`);
  });

  it("keeps links with safe schemes", () => {
    expect(sanitizeMailHtml(`<a href="https://example.com" style="color:red">site</a>`)).toBe(`<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>`);
  });
});

describe("htmlToPlainText", () => {
  it("turns blocks and breaks into lines, decodes entities, skips head and images", () => {
    expect(htmlToPlainText(`<html><head><title>T</title><style>x{}</style></head><body><h1>Hello</h1><p>a&amp;b<br>c</p><img src="cid:x"></body></html>`)).toBe("Hello\n\na&b\nc");
  });
});
