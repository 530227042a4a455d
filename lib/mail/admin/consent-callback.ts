import "server-only";
// The OAuth 2.0 consent callback route's one write, bound to the app's database so the route
// handler needs no database client (the layers rule: app/ never imports it).
import type { StaffActor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { completeConsent, type ConsentOutcome } from "./oauth-consent";

export function finishMailConsent(actor: StaffActor, callback: URL, sealedCookie: string | undefined): Promise<ConsentOutcome> {
  return completeConsent(db, actor, callback, sealedCookie);
}
