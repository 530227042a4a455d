// The Content-Security-Policy of every page, with a fresh nonce per request (proxy.ts): scripts run
// only if they carry the nonce, or were loaded by one that did ('strict-dynamic'), so an injected
// <script> or inline handler never runs. Styles may be inline: React writes style attributes, and a
// nonce cannot cover those. Images only from this site or data: URLs (mail's inline pictures).
// Sandboxed mail previews (iframe srcdoc) inherit this policy and add their own, stricter one.
// Pure, so it is tested without a server.

export type PolicyOptions = { dev: boolean; https: boolean };

export function contentSecurityPolicy(nonce: string, { dev, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce: 16 random bytes, base64 (what CSP's nonce-source expects). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Sent with every page once the public address is https: browsers then never use plain http for it. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

export function isHttps(appUrl: string | undefined): boolean {
  return /^https:\/\//i.test(appUrl ?? "");
}
