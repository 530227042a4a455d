// Who an identity provider says signed in, from the ID token's claims. Pure and strict, because a
// claim decides which staff account opens:
// - Entra ID: the account key is the tenant id and directory object id (tid + oid), which never
//   change; the email counts as verified only when Entra says its domain is verified by the tenant
//   (the optional claim xms_edov) or email_verified is true. Entra's plain `email` and
//   `preferred_username` can be set by users or other tenants ("nOAuth"), so they never match alone.
// - Generic OpenID Connect: issuer + subject, and the email only with email_verified true.
import type { SsoProviderId } from "./sso-config";

export type SsoIdentity = { provider: SsoProviderId; issuer: string; subject: string; email: string | null; name: string };

type Claims = Record<string, unknown>;

const text = (v: unknown, max = 300) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);
const isTrue = (v: unknown) => v === true || v === "true";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function verifiedEmail(claims: Claims, verified: boolean): string | null {
  const email = text(claims.email, 254)?.toLowerCase() ?? null;
  return verified && email && EMAIL.test(email) ? email : null;
}

function displayName(claims: Claims, email: string | null): string {
  const joined = [text(claims.given_name, 100), text(claims.family_name, 100)].filter(Boolean).join(" ");
  return (text(claims.name, 100) ?? (joined || null) ?? email?.split("@")[0] ?? "New agent").replace(/[\u0000-\u001f\u007f]/g, "");
}

/** Null when the token lacks what identifies an account (no tid/oid from Entra, no iss/sub). */
export function identityFromClaims(provider: SsoProviderId, claims: Claims): SsoIdentity | null {
  if (provider === "entra") {
    const tid = text(claims.tid, 100);
    const oid = text(claims.oid, 100);
    if (!tid || !oid) return null;
    const email = verifiedEmail(claims, isTrue(claims.xms_edov) || isTrue(claims.email_verified));
    return { provider, issuer: tid.toLowerCase(), subject: oid.toLowerCase(), email, name: displayName(claims, email) };
  }
  const iss = text(claims.iss, 500);
  const sub = text(claims.sub, 255);
  if (!iss || !sub) return null;
  const email = verifiedEmail(claims, isTrue(claims.email_verified));
  return { provider, issuer: iss, subject: sub, email, name: displayName(claims, email) };
}

/** The domain of an email, for just-in-time account rules. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
