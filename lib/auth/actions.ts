"use server";
// Sign-in-area actions. The one-time set-password link carries its own authority; the second-factor
// step acts only on the pending session in this browser's cookie.
import { z } from "zod";
import { publicAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { getSessionState } from "@/lib/server/session";
import { ZSecondFactorCode } from "./account-schemas";
import { ZSetPassword } from "./set-password-schema";
import { completeSecondFactor, confirmEnrolmentAtSignIn, startEnrolmentAtSignIn } from "./sign-in-steps";
import { setPasswordWithToken } from "./staff-tokens";

export const setPasswordAction = publicAction(ZSetPassword, (input) => setPasswordWithToken(db, input));

export const verifySignInCodeAction = publicAction(ZSecondFactorCode, async (input) => completeSecondFactor(db, await getSessionState(), input));

export const startSignInEnrolmentAction = publicAction(z.object({}), async () => startEnrolmentAtSignIn(db, await getSessionState()));

export const confirmSignInEnrolmentAction = publicAction(ZSecondFactorCode, async (input) => confirmEnrolmentAtSignIn(db, await getSessionState(), input));
