// Untrusted mail HTML: kept only sanitised (a strict allowlist, no styles, no scripts, no remote
// images: a remote image is a tracking pixel and a request the sender can observe), and turned
// into plain text for ThreadEntry.body, which is what the app shows and searches.
import { convert } from "html-to-text";
import sanitizeHtml from "sanitize-html";

const ALLOWED_TAGS = ["p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "blockquote", "pre", "code", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "a", "hr", "img", "font", "center"];

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "title", "rel", "target"], img: ["src", "alt", "width", "height"], td: ["colspan", "rowspan"], th: ["colspan", "rowspan"] },
    allowedSchemes: ["http", "https", "mailto"],
    // Inline images refer to attachments by cid:, which a browser cannot fetch: no request leaves.
    allowedSchemesByTag: { img: ["cid"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: ["style", "script", "textarea", "option", "noscript", "title", "head"],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  });
}

/**
 * Mailers append footers after </html> ("Sent from my phone", a list footer); the converter stops
 * at the document's end and would drop them. Without the closing tags, everything is content.
 */
function withoutDocumentEnd(html: string): string {
  return html.replace(/<\/(?:html|body)\s*>/gi, "");
}

export function htmlToPlainText(html: string): string {
  const heading = { options: { uppercase: false } };
  return convert(withoutDocumentEnd(html), {
    wordwrap: false,
    selectors: [
      // Link targets stay in the sanitised HTML; in the text they would bury the words (spam, newsletters).
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "h1", ...heading },
      { selector: "h2", ...heading },
      { selector: "h3", ...heading },
      { selector: "h4", ...heading },
      { selector: "h5", ...heading },
      { selector: "h6", ...heading },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ],
  })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
