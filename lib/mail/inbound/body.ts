// Which of a mail's bodies to keep as its text. Mail clients send the same words twice (text and
// HTML), but not always: some text parts are stubs ("view this mail in HTML"), some HTML parts
// carry text after </html> that a mailer appended. The richer one is what search and the thread
// need. Pure.

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The text part, unless the HTML's text has clearly more in it: more than a few words (and more
 * than a fifth of its words) that the text part does not have at all. Small differences (link
 * targets, a signature rendered twice) keep the text part, which is what the sender wrote as text.
 */
export function richerBody(text: string, htmlText: string): string {
  if (!htmlText.trim()) return text;
  if (!text.trim()) return htmlText;
  const inText = new Set(words(text));
  const htmlWords = words(htmlText);
  const missing = htmlWords.filter((w) => !inText.has(w)).length;
  return missing > Math.max(5, htmlWords.length * 0.2) ? htmlText : text;
}
