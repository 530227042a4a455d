// The OAuth 2.0 sign-in fields, shared by the mailbox form and the SMTP sign-in form (zodResolver)
// and their actions. The client secret is never sent back to the browser, so a blank one keeps the
// stored secret; whether one is stored is checked by the service.
import { z } from "zod";
import { endpointProblem, OAUTH_FLOWS, OAUTH_PROVIDERS } from "@/lib/mail/oauth/providers";

const trimmed = (max: number, label: string) => z.string().trim().max(max, `Keep ${label} under ${max} characters.`);

const endpoint = trimmed(500, "the address").refine((v) => v === "" || endpointProblem(v) === null, { message: "Enter a full https:// address, or leave it empty for the provider's." });

export const oauthFields = {
  oauthProvider: z.enum(OAUTH_PROVIDERS, { message: "Choose Microsoft 365 or Gmail." }).default("microsoft"),
  oauthFlow: z.enum(OAUTH_FLOWS, { message: "Choose how the help desk signs in." }).default("authorization_code"),
  /** A directory (tenant) id, a verified domain, or empty for "organizations". */
  oauthTenant: trimmed(100, "the tenant").regex(/^[A-Za-z0-9.-]*$/, "Enter the directory (tenant) ID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or your domain.").default(""),
  oauthClientId: trimmed(200, "the client ID").default(""),
  oauthClientSecret: z.string().max(2000, "Keep the client secret under 2,000 characters.").default(""),
  oauthAuthorizeUrl: endpoint.default(""),
  oauthTokenUrl: endpoint.default(""),
};

type OAuthInput = { oauthProvider: string; oauthFlow: string; oauthTenant: string; oauthClientId: string };

/** Rules across fields; `ctx` paths are the form's field names. */
export function checkOAuthFields(v: OAuthInput, ctx: z.RefinementCtx): void {
  if (!v.oauthClientId) ctx.addIssue({ code: "custom", path: ["oauthClientId"], message: "Enter the application (client) ID from the app registration." });
  if (v.oauthFlow === "client_credentials") {
    if (v.oauthProvider !== "microsoft") ctx.addIssue({ code: "custom", path: ["oauthFlow"], message: "App-only access is for Microsoft 365; Gmail signs in as the account." });
    else if (!v.oauthTenant || /^(common|organizations|consumers)$/i.test(v.oauthTenant)) ctx.addIssue({ code: "custom", path: ["oauthTenant"], message: "App-only access needs your directory (tenant) ID or domain." });
  }
}

/** The SMTP sign-in page: the provider's app registration, used when the SMTP settings choose OAuth 2.0. */
export const ZSmtpOAuthForm = z.object(oauthFields).superRefine(checkOAuthFields);
export type SmtpOAuthFormInput = z.input<typeof ZSmtpOAuthForm>;

/** Which grant to connect: "smtp" or "mailbox:<id>". */
export const ZStartConsent = z.object({ key: z.string().regex(/^(smtp|mailbox:[1-9][0-9]{0,9})$/, "Unknown connection.") });
export type StartConsentInput = z.input<typeof ZStartConsent>;
