import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { StaffActor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { checkSession, type SessionState } from "@/lib/auth/sessions";
import { db } from "./db";

/**
 * The request's session, checked against its server-side row on every request: a signed-out,
 * ended or expired session, a deactivated account or a changed password ends access at once,
 * whatever the cookie says. The cookie is read directly (not through getServerSession) so the
 * session secret never passes through next-auth's browser-facing session object.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const req = { cookies: Object.fromEntries((await cookies()).getAll().map((c) => [c.name, c.value])), headers: Object.fromEntries(await headers()) };
  const token = await getToken({ req: req as never, secret: process.env.NEXTAUTH_SECRET });
  return checkSession(db, typeof token?.sid === "string" ? token.sid : null);
});

/** The signed-in staff member, or null (signed out, or the second factor still owed). */
export const getActor = cache(async (): Promise<StaffActor | null> => {
  const session = await getSessionState();
  if (session.state !== "active") return null;
  return loadActor(db, session.staffId);
});
