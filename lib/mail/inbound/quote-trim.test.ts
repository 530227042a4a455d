import { describe, expect, it } from "vitest";
import { trimQuotedReply } from "./quote-trim";

describe("trimQuotedReply", () => {
  it.each([
    ["Gmail attribution", "Thanks, that worked.\n\nOn Mon, 3 Feb 2025 at 10:00, Help desk <support@example.com> wrote:\n> Try restarting.\n> Bye", "Thanks, that worked."],
    ["attribution wrapped over two lines", "Fixed.\n\nOn Mon, 3 Feb 2025 at 10:00, Help desk <support@\nexample.com> wrote:\n> old", "Fixed."],
    ["German attribution", "Danke!\n\nAm 03.02.2025 um 10:00 schrieb Support <s@example.com>:\n> alt", "Danke!"],
    ["signature separator", "See the log attached.\n-- \nKen Adams\nACME Corp", "See the log attached."],
    ["Outlook original message", "Yes, please.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nOld text", "Yes, please."],
    ["Outlook From/Sent block", "It is back.\n\nFrom: Help desk <support@example.com>\nSent: Monday, 3 February 2025 10:00\nTo: Ken\nSubject: RE: VPN", "It is back."],
    ["Outlook rule then header block", "Works now.\n________________________________\nVon: Help desk\nGesendet: Montag\nAn: Ken", "Works now."],
    ["trailing > quote", "Still broken.\n\n> Please try again\n> with the new password", "Still broken."],
  ])("cuts at the %s", (_name, input, expected) => {
    expect(trimQuotedReply(input)).toBe(expected);
  });

  it("keeps inline answers between quotes", () => {
    const text = "> Which version?\n3.2\n> Which OS?\nLinux";
    expect(trimQuotedReply(text)).toBe(text);
  });

  it("keeps a From: line that is not a header block", () => {
    expect(trimQuotedReply("From: my laptop at home it fails.\nFrom the office it works.")).toBe("From: my laptop at home it fails.\nFrom the office it works.");
  });

  it("never returns an empty reply", () => {
    expect(trimQuotedReply("> only a quote")).toBe("> only a quote");
  });

  it("normalises CRLF", () => {
    expect(trimQuotedReply("Ok\r\n-- \r\nKen")).toBe("Ok");
  });
});
