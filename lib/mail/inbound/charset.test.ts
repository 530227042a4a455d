import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { chooseCharset, decodeUnknown, needsCharset } from "./charset";
import { parseInbound } from "./parse";

const JA = "プリンターが壊れました。至急対応してください。";
const ZH_CN = "整体提升企业服务水平，请尽快回复";
const ZH_TW = "整體提升企業服務水平，請儘快回覆";
const KO = "프린터가 고장났습니다. 빨리 와주세요";
// ISO-2022-JP is 7-bit: ESC $ B, JIS X 0208 pairs, ESC ( B. "テスト報告" (iconv-lite cannot encode it).
const ISO_2022_JP = Buffer.from("\x1b$B%F%9%HJs9p\x1b(B", "latin1");

describe("charset detection", () => {
  it.each([
    ["Shift_JIS", JA, "shift_jis"],
    ["GBK", ZH_CN, "gbk"],
    ["Big5", ZH_TW, "big5"],
    ["EUC-KR", KO, "euc-kr"],
  ])("reads undeclared %s", (_name, text, encoding) => {
    expect(decodeUnknown(iconv.encode(text, encoding), [])).toBe(text);
  });

  it("prefers a multi-byte reading over a wrongly declared single-byte charset", () => {
    expect(decodeUnknown(iconv.encode(JA, "shift_jis"), ["iso-8859-1"])).toBe(JA);
    expect(decodeUnknown(iconv.encode(ZH_CN, "gb2312"), ["windows-1252"])).toBe(ZH_CN);
  });

  it("reads ISO-2022-JP, which has no 8-bit bytes", () => {
    expect(needsCharset(ISO_2022_JP)).toBe(true);
    expect(decodeUnknown(ISO_2022_JP, [])).toBe("テスト報告");
  });

  it("keeps a declared single-byte charset for European text, and leaves UTF-8 and ASCII alone", () => {
    expect(decodeUnknown(iconv.encode("Grüße aus Köln", "iso-8859-1"), ["iso-8859-1"])).toBe("Grüße aus Köln");
    expect(chooseCharset(Buffer.from("Grüße", "utf8"), ["iso-8859-1"])).toBe("utf-8");
    expect(needsCharset(Buffer.from("plain"))).toBe(false);
  });
});

describe("parseInbound with undeclared or wrong charsets", () => {
  const b = "BOUNDARY";
  const mail = (...chunks: (string | Buffer)[]) => Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "latin1") : c)));

  it("reads 8-bit headers, part file names and a body without charset (Shift_JIS, nothing declared)", async () => {
    const raw = mail(
      "From: ", iconv.encode("山田太郎", "shift_jis"), " <yamada@example.jp>\r\nSubject: ", iconv.encode(JA, "shift_jis"), "\r\nMIME-Version: 1.0\r\n",
      `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`, iconv.encode(JA, "shift_jis"),
      `\r\n--${b}\r\nContent-Type: application/pdf; name="`, iconv.encode("報告書.pdf", "shift_jis"), `"\r\nContent-Disposition: attachment; filename="`, iconv.encode("報告書.pdf", "shift_jis"),
      `"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from("%PDF-1.4 test").toString("base64")}\r\n--${b}--\r\n`,
    );
    const parsed = await parseInbound(raw);
    expect(parsed.subject).toBe(JA);
    expect(parsed.fromName).toBe("山田太郎");
    expect(parsed.fromEmail).toBe("yamada@example.jp");
    expect(parsed.text).toBe(JA);
    expect(parsed.attachments.map((a) => a.fileName)).toEqual(["報告書.pdf"]);
  });

  it("reads a GB2312 subject and body declared as ISO-8859-1, and a base64 body with no charset (EUC-KR)", async () => {
    const wrong = mail("From: li@example.cn\r\nSubject: ", iconv.encode(ZH_CN, "gb2312"), "\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", iconv.encode(ZH_CN, "gb2312"), "\r\n");
    const parsedCn = await parseInbound(wrong);
    expect(parsedCn.subject).toBe(ZH_CN);
    expect(parsedCn.text).toBe(ZH_CN);
    const korean = mail(`From: kim@example.kr\r\nSubject: =?utf-8?B?${Buffer.from("보고").toString("base64")}?=\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${iconv.encode(KO, "euc-kr").toString("base64")}\r\n`);
    expect((await parseInbound(korean)).text).toBe(KO);
  });

  it("reads a raw ISO-2022-JP subject and a Big5 file name inside a part", async () => {
    const raw = mail(
      "From: a@example.jp\r\nSubject: ", ISO_2022_JP, `\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the file.\r\n`,
      `--${b}\r\nContent-Type: text/plain; charset=big5\r\nContent-Disposition: attachment; filename="`, iconv.encode("報告.txt", "big5"), `"\r\n\r\n`, iconv.encode(ZH_TW, "big5"), `\r\n--${b}--\r\n`,
    );
    const parsed = await parseInbound(raw);
    expect(parsed.subject).toBe("テスト報告");
    expect(parsed.attachments.map((a) => a.fileName)).toEqual(["報告.txt"]);
  });
});
