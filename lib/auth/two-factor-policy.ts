// Who must use a second factor with a password. Pure, so the sign-in settings screen, the session
// check and the tests share one rule. Single sign-on sessions are left to the identity provider.
export const TWO_FACTOR_REQUIREMENTS = ["off", "admins", "everyone"] as const;
export type TwoFactorRequirement = (typeof TWO_FACTOR_REQUIREMENTS)[number];

export function twoFactorRequired(requirement: TwoFactorRequirement, isAdmin: boolean): boolean {
  return requirement === "everyone" || (requirement === "admins" && isAdmin);
}
