import { describe, expect, it } from "vitest";
import { cleanQueryArgs, cleanStoredText, REPLACEMENT } from "./text-clean";

describe("cleanStoredText", () => {
  it("replaces NUL and unpaired surrogates, keeps everything else", () => {
    expect(cleanStoredText("a\u0000b")).toBe(`a${REPLACEMENT}b`);
    expect(cleanStoredText("half \uD83D emoji")).toBe(`half ${REPLACEMENT} emoji`);
    expect(cleanStoredText("trail \uDE00")).toBe(`trail ${REPLACEMENT}`);
    expect(cleanStoredText("whole 😀 emoji, tab\tand ümlaut")).toBe("whole 😀 emoji, tab\tand ümlaut");
    expect(cleanStoredText("")).toBe("");
  });
});

describe("cleanQueryArgs", () => {
  it("cleans strings at any depth: nested writes, arrays, filters", () => {
    const args = { where: { key: "k\u0000" }, data: { subject: "s\u0000", entries: { create: [{ body: "b\uD800" }, { body: "fine" }] }, count: 3, flag: true, none: null } };
    expect(cleanQueryArgs(args)).toEqual({ where: { key: `k${REPLACEMENT}` }, data: { subject: `s${REPLACEMENT}`, entries: { create: [{ body: `b${REPLACEMENT}` }, { body: "fine" }] }, count: 3, flag: true, none: null } });
    expect(args.data.subject).toBe("s\u0000"); // the caller's object is not changed
  });

  it("returns the same object when nothing needs cleaning, and leaves bytes and dates alone", () => {
    const bytes = Buffer.from([0, 0xff, 0xfe]);
    const when = new Date(0);
    const args = { data: { raw: bytes, at: when, text: "emoji 😀" } };
    expect(cleanQueryArgs(args)).toBe(args);
    const dirty = { data: { raw: bytes, at: when, text: "\u0000" } };
    const out = cleanQueryArgs(dirty) as typeof dirty;
    expect(out.data.raw).toBe(bytes);
    expect(out.data.at).toBe(when);
  });
});
