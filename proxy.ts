// Runs before every page: a fresh CSP nonce (lib/server/security-headers.ts), given to Next on the
// request so its own scripts carry it, and sent to the browser; HSTS once APP_URL is https; and the
// requested path for server layouts, which cannot read it, so a signed-out visitor is sent back
// where they were going after signing in. Not an authorisation boundary: layouts, the action
// clients and the services check access themselves.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isHttps, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/server/security-headers";

/** Downloads send their own, stricter policy (lib/attachments/download.ts); a page's would replace it. */
const DOWNLOAD = /^\/(agent\/attachments\/[^/]+|t\/[^/]+\/[^/]+\/attachments\/[^/]+|admin\/mail\/inbound\/[^/]+\/raw)\/?$/;

export function proxy(request: NextRequest) {
  if (DOWNLOAD.test(request.nextUrl.pathname)) return NextResponse.next();
  const nonce = newNonce();
  const https = isHttps(process.env.APP_URL);
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, not Next's static files. Not server action posts either: they
      // answer with data, not a page, and a proxy would buffer (and cut at 10 MB) their bodies.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
