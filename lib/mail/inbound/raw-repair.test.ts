import { describe, expect, it } from "vitest";
import { decodeUtf7, normaliseAddress, rawHeader, repairEightBitHeaders } from "./raw-repair";

describe("raw repairs", () => {
  it("decodes UTF-7", () => {
    expect(decodeUtf7("+ANw-bermittlungsstatus")).toBe("Übermittlungsstatus");
    expect(decodeUtf7("a +- b")).toBe("a + b");
    expect(decodeUtf7("plain text")).toBe("plain text");
  });

  it("re-encodes 8-bit headers in the body's charset as UTF-8", () => {
    const gb = Buffer.from([0xd7, 0xaa, 0xb7, 0xa2]); // 转发 in GB2312
    const raw = Buffer.concat([Buffer.from("Subject: "), gb, Buffer.from('\r\nContent-Type: text/plain; charset="gb2312"\r\n\r\nbody')]);
    const fixed = repairEightBitHeaders(raw).toString("utf8");
    expect(fixed).toContain("Subject: 转发\r\n");
    expect(fixed.endsWith("\r\n\r\nbody")).toBe(true);
  });

  it("leaves UTF-8 and ASCII headers alone", () => {
    const raw = Buffer.from("Subject: Grüße\n\nbody", "utf8");
    expect(repairEightBitHeaders(raw)).toBe(raw);
  });

  it("reads a folded raw header", () => {
    expect(rawHeader(Buffer.from("Subject: a\r\n\tb\r\nX: y\r\n\r\n"), "subject")).toBe("a b");
    expect(rawHeader(Buffer.from("X: y\n\n"), "subject")).toBe("");
  });

  it("normalises an address", () => {
    expect(normaliseAddress(" Claudia.Shu@Yahoo.com. ")).toBe("claudia.shu@yahoo.com");
  });
});
