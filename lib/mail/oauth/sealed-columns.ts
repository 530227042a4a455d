// The columns this capability keeps sealed with lib/server/secret-box, for the key-rotation
// command to re-seal (add them to the registry of sealed columns). Each holds "sb1.…" or null.
export const MAIL_OAUTH_SEALED_COLUMNS = { model: "MailOAuthGrant", columns: ["clientSecret", "refreshToken", "accessToken"] } as const;
