import { describe, expect, it } from "vitest";
import { htmlToPlainText } from "@/lib/mail/html";
import { richerBody } from "./body";

describe("richerBody", () => {
  const letter = "Hello, the printer on the second floor jams on every page since the update on Monday. Regards, Ann";

  it("keeps the text part when both say the same", () => {
    expect(richerBody(letter, `${letter} (https://example.com)`)).toBe(letter);
    expect(richerBody(`${letter}\n<https://tracker.example/x>`, letter)).toBe(`${letter}\n<https://tracker.example/x>`);
  });

  it("takes the HTML's text over a stub text part", () => {
    expect(richerBody("View this email in your browser.", letter)).toBe(letter);
    expect(richerBody("Your mail client cannot show HTML mail.", letter)).toBe(letter);
  });

  it("uses whichever body exists", () => {
    expect(richerBody("", letter)).toBe(letter);
    expect(richerBody(letter, "")).toBe(letter);
  });

  it("reads text a mailer appended after </html>", () => {
    const html = `<html><body><p>${letter}</p></body></html>\nSent from my phone. Call me back at 555 0100.`;
    expect(htmlToPlainText(html)).toBe(`${letter}\n\nSent from my phone. Call me back at 555 0100.`);
  });
});
