// Where Microsoft 365 or Google sends the admin back after the consent. Admin-only: anyone else gets
// "not found" (signed out: the sign-in page, then the mailboxes); the consent service checks the
// cookie, the state and that the same admin started it before anything is stored.
import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { finishMailConsent } from "@/lib/mail/admin/consent-callback";
import { CONSENT_COOKIE, consentCookieOptions, oauthRedirectUri } from "@/lib/mail/admin/oauth-consent";
import { getActor } from "@/lib/server/session";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const actor = await getActor();
  // Addresses are built on the configured public address: behind a proxy the request's own host may be internal.
  const base = new URL(oauthRedirectUri());
  if (!actor) return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent("/admin/mail/mailboxes")}`, base), 303);
  if (!actor.isAdmin) return new NextResponse("Not found", { status: 404 });
  const jar = await cookies();
  // The query is what the provider sent; the path and host are ours.
  const callback = new URL(base);
  callback.search = request.nextUrl.search;
  const outcome = await finishMailConsent(actor, callback, jar.get(CONSENT_COOKIE)?.value);
  const response = NextResponse.redirect(new URL(outcome.redirect, base), 303);
  // One consent, one callback: the cookie goes whatever the outcome.
  response.cookies.set(CONSENT_COOKIE, "", { ...consentCookieOptions(), maxAge: 0 });
  return response;
}
