"use server";
// Public sign-in-area actions: the one-time set-password link carries its own authority.
import { publicAction } from "@/lib/server/action-client";
import { db } from "@/lib/server/db";
import { ZSetPassword } from "./set-password-schema";
import { setPasswordWithToken } from "./staff-tokens";

export const setPasswordAction = publicAction(ZSetPassword, (input) => setPasswordWithToken(db, input));
