import { describe, expect, it } from "vitest";
import { cleanBody, cleanFileName, cleanLine } from "./text";

describe("cleanLine", () => {
  it.each([
    ["RTL override that disguises a name", "invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["other bidi controls", "\u2066a\u2069\u200Eb\u200F\u061Cc\u202A", "abc"],
    ["zero-width space, joiner, word joiner, BOM", "pa\u200Bss\u200Dwo\u2060rd\uFEFF", "password"],
    ["C0 controls and DEL", "a\u0000b\u0007c\u001Bd\u007F", "abcd"],
    ["C1 controls", "a\u0085b\u009Fc", "abc"],
    ["line breaks and tabs become one space", "Line one\r\nline\ttwo\n", "Line one line two"],
    ["runs of spaces", "  too    many   spaces ", "too many spaces"],
    ["markup is left for rendering to escape", "<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["accents and emoji stay", "Café ☕ Ünïcode", "Café ☕ Ünïcode"],
  ])("%s", (_, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });
});

describe("cleanBody", () => {
  it("keeps line breaks and tabs, normalising CRLF and CR", () => {
    expect(cleanBody("one\r\ntwo\rthree\n\tindented")).toBe("one\ntwo\nthree\n\tindented");
  });

  it("removes reordering controls and hidden characters", () => {
    expect(cleanBody("pay \u202Eto\u202C\u200B me\uFEFF")).toBe("pay to me");
  });

  it("removes control characters but not the zero-width joiner that builds emoji", () => {
    const family = "👩\u200D👩\u200D👧";
    expect(cleanBody(`a\u0000b\u0008 ${family}`)).toBe(`ab ${family}`);
  });

  it("trims the ends only", () => {
    expect(cleanBody("  \n  hello  world \n ")).toBe("hello  world");
  });
});

describe("cleanFileName", () => {
  it.each([
    ["a Windows path", "C:\\Users\\ken\\report.pdf", "report.pdf"],
    ["a Linux path climbing up", "../../etc/passwd", "passwd"],
    ["an RTL-disguised executable", "invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["leading dots (hidden files, ..)", "..hidden.txt", "hidden.txt"],
    ["characters Windows refuses", 'a<b>c:d"e|f?g*h.txt', "a_b_c_d_e_f_g_h.txt"],
    ["control characters", "re\u0000po\u0007rt.txt", "report.txt"],
    ["an empty name", "", "attachment"],
    ["a name that is only a path", "C:\\Users\\", "attachment"],
    ["a name that is only dots", "...", "attachment"],
  ])("%s", (_, input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it("shortens a very long name to 180 characters, keeping its end (the extension)", () => {
    const name = `${"a".repeat(300)}.pdf`;
    const cleaned = cleanFileName(name);
    expect(cleaned).toHaveLength(180);
    expect(cleaned.endsWith(".pdf")).toBe(true);
  });

  it("leaves a 180-character name as it is", () => {
    const name = `${"b".repeat(176)}.txt`;
    expect(cleanFileName(name)).toBe(name);
  });
});
