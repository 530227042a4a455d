// What the sign-in page says for each error code next-auth or our callbacks put in ?error=. Pure,
// so the sign-in form (a client component) and the server share it.
export const SSO_ERRORS = {
  SsoNoAccount: "There is no staff account for this sign-in. Ask an administrator to invite you.",
  SsoInactive: "This staff account is deactivated. Ask an administrator if you need access.",
  SsoNoVerifiedEmail: "Your identity provider did not send a verified email address, so no staff account could be matched. Ask an administrator to add the email claims the README describes, or to invite you so you can link your account.",
  SsoBadClaims: "The identity provider's answer did not say who you are. Try again, or ask an administrator.",
  SsoLinkedElsewhere: "A different account of this identity provider is already linked to this staff account. Unlink it on your account page first.",
  SsoTakenByOther: "That account is already linked to another staff member.",
  SsoLinkExpired: "The request to link an account expired or your session ended. Start again from your account page.",
} as const;
export type SsoError = keyof typeof SSO_ERRORS;

const MESSAGES: Record<string, string | null> = {
  ...SSO_ERRORS,
  Locked: "Too many failed attempts from here. Wait a few minutes, then try again.",
  CredentialsSignin: "That email and password do not match an active account.",
  PasswordsOff: "Password sign-in is only open to the emergency administrator account while single sign-on is required. Check the email and password, or use the single sign-on button.",
  // The provider's answer failed a check: state, nonce, PKCE, signature, or the code exchange.
  OAuthCallback: "The sign-in could not be completed: the identity provider's answer did not pass the security checks. Start again.",
  OAuthSignin: "The identity provider could not be reached. Try again in a moment; if it keeps failing, tell an administrator.",
  Callback: "The sign-in could not be completed. Start again.",
  AccessDenied: "Access denied.",
  SessionRequired: null,
};

export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return code in MESSAGES ? MESSAGES[code] : "Sign-in failed. Try again in a moment.";
}
