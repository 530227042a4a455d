import { describe, expect, it } from "vitest";
import { describeTokenFailure, OAuthTokenError, providerDetail } from "./errors";

const body = (error: string, description: string, status = 400) => ({ error, error_description: description, status });

describe("token failures in plain words", () => {
  it("asks for a reconnect when the grant was revoked or expired, with the provider's code but not its trace ids", () => {
    const e = describeTokenFailure(body("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked.\r\nTrace ID: 1234\r\nCorrelation ID: 5678\r\nTimestamp: 2026-12-01"), "microsoft", "the mailbox", "authorization_code");
    expect(e).toBeInstanceOf(OAuthTokenError);
    expect(e.kind).toBe("reconnect");
    expect(e.message).toBe("Microsoft 365 refused the saved sign-in: the grant was revoked or expired. Reconnect the mailbox. (Microsoft 365 said: AADSTS50173: The provided grant has expired due to it being revoked.)");
    expect(describeTokenFailure(body("invalid_grant", "Token has been expired or revoked."), "google", "outgoing mail", "authorization_code").message).toMatch(/^Gmail refused the saved sign-in: .* Reconnect outgoing mail\./);
    expect(describeTokenFailure(body("interaction_required", "AADSTS50076: MFA"), "microsoft", "the mailbox", "authorization_code").kind).toBe("reconnect");
  });

  it("asks for a new client secret when the app's credentials are refused, never for a reconnect", () => {
    const expired = describeTokenFailure(body("invalid_client", "AADSTS7000222: The provided client secret keys for app are expired.", 401), "microsoft", "the mailbox", "client_credentials");
    expect(expired.kind).toBe("credentials");
    expect(expired.message).toMatch(/the client secret has expired\. Enter a new client secret/);
    expect(describeTokenFailure(body("invalid_client", "AADSTS7000215: Invalid client secret provided.", 401), "microsoft", "the mailbox", "authorization_code").message).toMatch(/client ID or client secret is wrong/);
  });

  it("tells permissions, outages and unreachable services apart", () => {
    expect(describeTokenFailure(body("invalid_scope", "AADSTS70011"), "microsoft", "the mailbox", "client_credentials").message).toMatch(/API permissions/);
    expect(describeTokenFailure(body("temporarily_unavailable", "down", 503), "google", "the mailbox", "authorization_code").kind).toBe("transient");
    const offline = describeTokenFailure(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), "microsoft", "the mailbox", "authorization_code");
    expect(offline).toMatchObject({ kind: "transient", message: "Could not reach Microsoft 365's sign-in service (ECONNREFUSED); the next attempt tries again." });
    expect(describeTokenFailure(Object.assign(new Error("timed out"), { name: "TimeoutError" }), "microsoft", "the mailbox", "authorization_code").kind).toBe("transient");
  });

  it("shortens the provider's description to its first sentence block", () => {
    expect(providerDetail(undefined)).toBe("");
    expect(providerDetail("A".repeat(300))).toHaveLength(198);
  });
});
