import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-address";

const ORIGIN = "https://help.example.com";
const check = (value: string | null | undefined) => safeReturnPath(value, ORIGIN, "/agent");

describe("safeReturnPath", () => {
  it.each([
    ["/agent/tickets/482913", "/agent/tickets/482913"],
    ["/agent/tickets?queue=open&department=2", "/agent/tickets?queue=open&department=2"],
    ["/admin#settings", "/admin#settings"],
    ["https://help.example.com/admin/audit", "/admin/audit"],
    ["HTTPS://HELP.EXAMPLE.COM:443/admin", "/admin"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/agent/../admin", "/admin"],
  ])("keeps the same-site %j as %j", (value, expected) => {
    expect(check(value)).toBe(expected);
  });

  it.each([
    ["protocol-relative", "//evil.example/"],
    ["tab inside //", "/\t/evil.example"],
    ["newline inside //", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["leading space and control", "\u0001//evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a dot segment to //", "/.//evil.example"],
    ["another site", "https://evil.example/agent"],
    ["another scheme of this host", "http://help.example.com/agent"],
    ["another port of this host", "https://help.example.com:8443/agent"],
    ["userinfo trick", "https://help.example.com@evil.example/"],
    ["userinfo on this host", "https://user:pass@help.example.com/agent"],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["JavaScript with a tab", "java\tscript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["empty", ""],
    ["nothing", undefined],
    ["only a scheme-relative backslash", "/\\/evil.example"],
  ])("refuses %s", (_name, value) => {
    expect(check(value)).toBe("/agent");
  });

  it("refuses everything when its own origin is unusable", () => {
    expect(safeReturnPath("/agent", "not a url", "/fallback")).toBe("/fallback");
  });
});
