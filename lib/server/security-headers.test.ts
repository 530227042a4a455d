import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, newNonce } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("the pages' Content-Security-Policy", () => {
  it("runs only scripts with this response's nonce: no inline scripts, no eval in production", () => {
    const p = directives(contentSecurityPolicy("abc123==", { dev: false, https: false }));
    expect(p["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(p["script-src"].join(" ")).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(p["object-src"]).toEqual(["'none'"]);
    expect(p["frame-ancestors"]).toEqual(["'none'"]);
    expect(p["base-uri"]).toEqual(["'none'"]);
    expect(p["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(p["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("allows eval in development only, and upgrades requests on https", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true, https: false }))["script-src"]).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy("n", { dev: false, https: true }))["upgrade-insecure-requests"]).toEqual([]);
  });

  it("makes a new, unguessable nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });

  it("knows an https public address", () => {
    expect([isHttps("https://help.example.com"), isHttps("HTTPS://x"), isHttps("http://localhost:3000"), isHttps(undefined)]).toEqual([true, true, false, false]);
  });
});
