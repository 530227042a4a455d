import { describe, expect, it } from "vitest";
import { emailDomain, identityFromClaims } from "./sso-claims";
import { ssoProviderConfigs, ssoProviders, ssoRedirectUri } from "./sso-config";

const TID = "72F988BF-86F1-41AF-91AB-2D7CD011DB47";
const OID = "00000000-0000-0000-66f3-3332eca7ea81";

describe("identityFromClaims (Entra ID)", () => {
  it("keys the account on tenant and object id, and trusts an email whose domain the tenant verified", () => {
    expect(identityFromClaims("entra", { tid: TID, oid: OID, sub: "pairwise", email: "Ada@Contoso.com", xms_edov: true, name: "Ada Lovelace", preferred_username: "ada@contoso.com" })).toEqual({
      provider: "entra",
      issuer: TID.toLowerCase(),
      subject: OID.toLowerCase(),
      email: "ada@contoso.com",
      name: "Ada Lovelace",
    });
  });

  it("never treats an unverified email or preferred_username as verified (nOAuth)", () => {
    const id = identityFromClaims("entra", { tid: TID, oid: OID, email: "ceo@contoso.com", preferred_username: "ceo@contoso.com", name: "Mallory" });
    expect(id?.email).toBeNull();
    expect(identityFromClaims("entra", { tid: TID, oid: OID, email: "ceo@contoso.com", xms_edov: false })?.email).toBeNull();
    expect(identityFromClaims("entra", { tid: TID, oid: OID, email: "ceo@contoso.com", xms_edov: "true" })?.email).toBe("ceo@contoso.com");
  });

  it("refuses a token without tenant or object id", () => {
    expect(identityFromClaims("entra", { oid: OID, email: "a@b.co", xms_edov: true })).toBeNull();
    expect(identityFromClaims("entra", { tid: TID, sub: "x" })).toBeNull();
    expect(identityFromClaims("entra", { tid: 42, oid: OID })).toBeNull();
  });
});

describe("identityFromClaims (generic OpenID Connect)", () => {
  it("keys on issuer and subject; email only when verified", () => {
    expect(identityFromClaims("oidc", { iss: "https://idp.example.com/realms/staff", sub: "u-1", email: "bo@example.com", email_verified: true, given_name: "Bo", family_name: "Ek" })).toEqual({
      provider: "oidc",
      issuer: "https://idp.example.com/realms/staff",
      subject: "u-1",
      email: "bo@example.com",
      name: "Bo Ek",
    });
    expect(identityFromClaims("oidc", { iss: "https://idp", sub: "u-1", email: "bo@example.com" })?.email).toBeNull();
    expect(identityFromClaims("oidc", { iss: "https://idp", sub: "u-1", email: "not an email", email_verified: true })?.email).toBeNull();
    expect(identityFromClaims("oidc", { sub: "u-1" })).toBeNull();
  });

  it("falls back to the email's local part for a name and strips control characters", () => {
    expect(identityFromClaims("oidc", { iss: "i", sub: "s", email: "kim@example.com", email_verified: true })?.name).toBe("kim");
    expect(identityFromClaims("oidc", { iss: "i", sub: "s", name: "Evil\u0007Name" })?.name).toBe("EvilName");
  });
});

describe("SSO configuration", () => {
  it("offers a provider only when issuer, client id and secret are all set", () => {
    expect(ssoProviderConfigs({ AUTH_ENTRA_ISSUER: "https://login.microsoftonline.com/t/v2.0", AUTH_ENTRA_CLIENT_ID: "id" })).toEqual([]);
    const env = { AUTH_ENTRA_ISSUER: "https://login.microsoftonline.com/t/v2.0/", AUTH_ENTRA_CLIENT_ID: "id", AUTH_ENTRA_CLIENT_SECRET: "s3cret", AUTH_OIDC_ISSUER: "https://kc/realms/x", AUTH_OIDC_CLIENT_ID: "c", AUTH_OIDC_CLIENT_SECRET: "d", AUTH_OIDC_NAME: "Okta" };
    expect(ssoProviders(env)).toEqual([
      { id: "entra", label: "Microsoft", issuer: "https://login.microsoftonline.com/t/v2.0" },
      { id: "oidc", label: "Okta", issuer: "https://kc/realms/x" },
    ]);
    expect(JSON.stringify(ssoProviders(env))).not.toContain("s3cret");
  });

  it("builds the redirect URI to register", () => {
    expect(ssoRedirectUri("https://help.example.com/", "entra")).toBe("https://help.example.com/api/auth/callback/entra");
    expect(emailDomain("a.b@Sub.Example.COM")).toBe("sub.example.com");
  });
});
