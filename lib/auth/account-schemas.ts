import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";
import { SSO_PROVIDER_IDS } from "./sso-config";

export const ZChangePassword = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "Choose a password different from the current one." });
export type ChangePasswordInput = z.input<typeof ZChangePassword>;

/** A six-digit code from the app, or a recovery code. */
export const ZSecondFactorCode = z.object({ code: z.string().trim().min(1, "Enter the code.").max(40, "That is not a valid code.") });
export type SecondFactorCodeInput = z.input<typeof ZSecondFactorCode>;

export const ZTurnOffTwoFactor = z.object({ password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH) });
export type TurnOffTwoFactorInput = z.input<typeof ZTurnOffTwoFactor>;

export const ZSessionId = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "Unknown session.") });
export const ZProvider = z.object({ provider: z.enum(SSO_PROVIDER_IDS) });
