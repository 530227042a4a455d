// Passes the requested path to server layouts, which cannot read it, so a signed-out visitor is sent
// back where they were going after signing in. Not an authorisation boundary: layouts, the action
// clients and the services check access themselves.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/agent/:path*", "/admin/:path*"] };
