// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  images: { unoptimized: true },
  // `npm test` checks types in a suite of its own (tsc --noEmit, beside the browser tests), so its
  // build skips the same check; every other build still fails on a type error.
  typescript: { ignoreBuildErrors: process.env.HELPDESK_BUILD_SKIP_TYPES === "1" },
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "pino"],
  experimental: {
    serverActions: {
      // Attachments travel with the reply form; the per-file and total limits from settings
      // are enforced by the action itself, this is only the outer bound.
      bodySizeLimit: "30mb",
    },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // Content-Security-Policy (with a nonce per page) and HSTS come from proxy.ts.
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // The help desk uses none of these; a page (or an injected frame) cannot ask for them.
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()" },
        ],
      },
      {
        // A requester's private ticket link is a secret: never send it on as a Referer.
        source: "/t/:path*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
      {
        // Downloads, like every attachment response (lib/attachments/download.ts).
        source: "/agent/attachments/:path*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

module.exports = nextConfig;
