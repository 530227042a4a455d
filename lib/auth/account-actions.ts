"use server";
// /agent/account actions: each authenticates (staffAction), validates with the form's schema, and
// calls a service that touches only the actor's own rows.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { staffAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { getSessionState } from "@/lib/server/session";
import { changePassword, confirmTwoFactorEnrolment, endOwnSession, endOwnSessionsEverywhere, newRecoveryCodes, startLink, startTwoFactorEnrolment, turnOffTwoFactor, unlinkIdentity } from "./account";
import { ZChangePassword, ZProvider, ZSecondFactorCode, ZSessionId, ZTurnOffTwoFactor } from "./account-schemas";
import { LINK_INTENT_COOKIE, LINK_INTENT_MINUTES } from "./link-intents";

const ZNothing = z.object({});

async function currentSessionId(): Promise<string> {
  const session = await getSessionState();
  if (session.state !== "active") throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return session.sessionId;
}

function changed<T>(result: T): T {
  revalidatePath("/agent/account");
  return result;
}

export const changePasswordAction = staffAction(ZChangePassword, async (actor, input) => changed(await changePassword(db, actor, await currentSessionId(), input)));

export const endSessionAction = staffAction(ZSessionId, async (actor, input) => changed(await endOwnSession(db, actor, await currentSessionId(), input)));

export const signOutEverywhereAction = staffAction(ZNothing, async (actor) => changed(await endOwnSessionsEverywhere(db, actor)));

export const startTwoFactorAction = staffAction(ZNothing, (actor) => startTwoFactorEnrolment(db, actor));

// These two answer with recovery codes shown once: no revalidation here, or the refreshed page would
// replace the codes before they are saved. The form refreshes the page when the person is done.
export const confirmTwoFactorAction = staffAction(ZSecondFactorCode, async (actor, input) => confirmTwoFactorEnrolment(db, actor, await currentSessionId(), input));

export const newRecoveryCodesAction = staffAction(ZSecondFactorCode, async (actor, input) => newRecoveryCodes(db, actor, input));

export const turnOffTwoFactorAction = staffAction(ZTurnOffTwoFactor, async (actor, input) => changed(await turnOffTwoFactor(db, actor, input)));

/** Sets the link-request cookie (sent only to next-auth's routes); the browser then starts the provider's sign-in. */
export const startLinkAction = staffAction(ZProvider, async (actor, input) => {
  const { secret, provider } = await startLink(db, actor, await currentSessionId(), input);
  (await cookies()).set(LINK_INTENT_COOKIE, secret, { httpOnly: true, sameSite: "lax", secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false, path: "/api/auth", maxAge: LINK_INTENT_MINUTES * 60 });
  return { provider };
});

export const unlinkAction = staffAction(ZProvider, async (actor, input) => changed(await unlinkIdentity(db, actor, input)));
