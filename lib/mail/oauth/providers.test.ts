import { describe, expect, it } from "vitest";
import { endpointProblem, expectedIssuer, isLoopbackHttp, resolveEndpoints, scopesFor, supportsClientCredentials, tokenIsFresh } from "./providers";

describe("OAuth provider presets", () => {
  it("fills Microsoft's tenant into its endpoints, organizations when none is given", () => {
    expect(resolveEndpoints({ provider: "microsoft", tenant: "contoso.onmicrosoft.com", authorizeUrl: "", tokenUrl: "" })).toEqual({
      authorizeUrl: "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize",
      tokenUrl: "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
    });
    expect(resolveEndpoints({ provider: "microsoft", tenant: " ", authorizeUrl: "", tokenUrl: "" }).tokenUrl).toBe("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
    expect(resolveEndpoints({ provider: "google", tenant: "ignored", authorizeUrl: "", tokenUrl: "" })).toEqual({ authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token" });
  });

  it("lets each endpoint be overridden (sovereign clouds, a local test server)", () => {
    expect(resolveEndpoints({ provider: "microsoft", tenant: "t", authorizeUrl: " https://login.microsoftonline.us/t/oauth2/v2.0/authorize ", tokenUrl: "" })).toEqual({
      authorizeUrl: "https://login.microsoftonline.us/t/oauth2/v2.0/authorize",
      tokenUrl: "https://login.microsoftonline.com/t/oauth2/v2.0/token",
    });
  });

  it("asks for the mail scopes each purpose needs, with offline access for a refresh token", () => {
    expect(scopesFor("microsoft", "authorization_code", "imap").split(" ")).toEqual(["openid", "email", "profile", "offline_access", "https://outlook.office.com/IMAP.AccessAsUser.All"]);
    expect(scopesFor("microsoft", "authorization_code", "smtp")).toContain("https://outlook.office.com/SMTP.Send");
    expect(scopesFor("microsoft", "client_credentials", "imap")).toBe("https://outlook.office365.com/.default");
    expect(scopesFor("google", "authorization_code", "smtp")).toBe("openid email https://mail.google.com/");
    expect(supportsClientCredentials("microsoft")).toBe(true);
    expect(supportsClientCredentials("google")).toBe(false);
  });

  it("expects Microsoft's per-directory issuer and Google's origin", () => {
    expect(expectedIssuer("microsoft", "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize", "72f9")).toBe("https://login.microsoftonline.com/72f9/v2.0");
    expect(expectedIssuer("google", "https://accounts.google.com/o/oauth2/v2/auth", undefined)).toBe("https://accounts.google.com");
  });

  it("allows plain http only to this machine, and no credentials in an endpoint", () => {
    expect(isLoopbackHttp("http://127.0.0.1:8080/token")).toBe(true);
    expect(isLoopbackHttp("http://localhost/token")).toBe(true);
    expect(isLoopbackHttp("http://login.example.com/token")).toBe(false);
    expect(endpointProblem("https://login.example.com/token")).toBeNull();
    expect(endpointProblem("http://127.0.0.1:9/token")).toBeNull();
    expect(endpointProblem("http://login.example.com/token")).toMatch(/https/);
    expect(endpointProblem("https://user:pw@login.example.com/token")).toMatch(/passwords/);
    expect(endpointProblem("login.example.com")).toMatch(/full address/);
  });

  it("treats a token as fresh only with more than five minutes left", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(tokenIsFresh(new Date("2026-12-01T12:06:00Z"), now)).toBe(true);
    expect(tokenIsFresh(new Date("2026-12-01T12:04:59Z"), now)).toBe(false);
    expect(tokenIsFresh(null, now)).toBe(false);
  });
});
