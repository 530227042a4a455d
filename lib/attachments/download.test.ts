import { describe, expect, it } from "vitest";
import { attachmentIdOf, contentDisposition } from "./download";

describe("contentDisposition", () => {
  it.each([
    ["report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ["Écran 1.png", `attachment; filename="_cran 1.png"; filename*=UTF-8''%C3%89cran%201.png`],
    ['a"b\\c.txt', `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`],
    ["it's (final)*.txt", `attachment; filename="it's (final)*.txt"; filename*=UTF-8''it%27s%20%28final%29%2A.txt`],
    ["100%.txt", `attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt`],
    ["../../etc/passwd", `attachment; filename=".._.._etc_passwd"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`],
    ["x\r\nSet-Cookie: a=b.txt", `attachment; filename="xSet-Cookie: a=b.txt"; filename*=UTF-8''xSet-Cookie%3A%20a%3Db.txt`],
    ["\u0000", `attachment; filename="download"; filename*=UTF-8''download`],
  ])("%j", (name, header) => {
    expect(contentDisposition(name)).toBe(header);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe("attachmentIdOf", () => {
  it.each([["1", 1], ["482913", 482913], ["0", null], ["01", null], ["abc", null], ["1e3", null], ["9999999999999", null], ["-1", null]])("%j → %j", (text, id) => {
    expect(attachmentIdOf(text)).toBe(id);
  });
});
