// The sign-in settings screen's form, shared by the form (zodResolver) and its action.
import { z } from "zod";
import { TWO_FACTOR_REQUIREMENTS } from "@/lib/auth/two-factor-policy";
import { checkbox, optionalId, screenVersionField } from "@/lib/config/shared/fields";

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "contoso.com, fabrikam.com" or one per line → ["contoso.com", "fabrikam.com"]; "@contoso.com" is accepted too. */
export function parseDomains(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
}

export const ZSignInSettingsForm = z.object({
  jitDomains: z
    .string()
    .max(3000, "Keep the list under 3,000 characters.")
    .refine((v) => parseDomains(v).every((d) => DOMAIN.test(d)), { message: "Enter domain names like contoso.com, separated by commas or new lines." })
    .refine((v) => parseDomains(v).length <= 50, { message: "At most 50 domains." }),
  requireSso: checkbox,
  breakGlassStaffId: optionalId,
  requireTwoFactor: z.enum(TWO_FACTOR_REQUIREMENTS, { message: "Choose who must use two-factor authentication." }),
  version: screenVersionField,
});
export type SignInSettingsFormInput = z.input<typeof ZSignInSettingsForm>;
