"use server";
// OAuth 2.0 sign-in actions for mail connections: the admin action client authenticates, refuses
// non-admins and validates; the services do the rest. "Connect" answers with the provider's
// sign-in address after setting the consent cookie, and the browser goes there.
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { updateSmtpOAuth } from "./mail-oauth";
import { consentCookieOptions, CONSENT_COOKIE, startConsent } from "./mail-oauth-consent";
import { ZSmtpOAuthForm, ZStartConsent } from "./mail-oauth-schemas";

export const startMailOAuthAction = adminAction(ZStartConsent, async (actor, input) => {
  const { url, cookie } = await startConsent(db, actor, input);
  (await cookies()).set(CONSENT_COOKIE, cookie, consentCookieOptions());
  return { url };
});

export const updateSmtpOAuthAction = adminAction(ZSmtpOAuthForm, async (actor, input) => {
  const result = await updateSmtpOAuth(db, actor, input);
  revalidatePath("/admin/mail", "layout");
  return result;
});
