// The requester's private link: an HMAC of the ticket number and a per-ticket random key, under the
// session secret. Nothing guessable, nothing stored that would reveal the link, and rotating the
// ticket's key revokes every old link.
import crypto from "node:crypto";

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set");
  return value;
}

export function newAccessKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function accessToken(number: string, accessKey: string): string {
  return crypto.createHmac("sha256", secret()).update(`ticket-link:${number}:${accessKey}`).digest("base64url").slice(0, 32);
}

export function verifyAccessToken(number: string, accessKey: string, token: string): boolean {
  const expected = Buffer.from(accessToken(number, accessKey));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function ticketLinkPath(number: string, accessKey: string): string {
  return `/t/${encodeURIComponent(number)}/${accessToken(number, accessKey)}`;
}
