import { describe, expect, it } from "vitest";
import { dataUrlText, parseDataUrl } from "./data-url";

describe("parseDataUrl", () => {
  it("reads base64, percent-encoded and charset forms", () => {
    expect(parseDataUrl("data:text/plain;base64,aGVsbG8=")).toMatchObject({ mediaType: "text/plain", bytes: Buffer.from("hello") });
    expect(dataUrlText(parseDataUrl("data:text/html,<p>Hi%20there</p>")!)).toBe("<p>Hi there</p>");
    expect(dataUrlText(parseDataUrl("data:text/plain;charset=iso-8859-1;base64,5A==")!)).toBe("ä");
    expect(parseDataUrl("data:,plain")).toMatchObject({ mediaType: "text/plain" });
  });

  it("refuses what is not a data URL or not base64", () => {
    expect(parseDataUrl("hello")).toBeNull();
    expect(parseDataUrl("data:text/plain;base64,@@@")).toBeNull();
  });
});
