// The IMAP mailbox form's schemas, shared by the form (zodResolver) and the actions. Kept apart from
// schemas.ts so the mailbox screen can change without touching every other admin form.
import { z } from "zod";
import { checkbox, id, line, optionalId, whole } from "./fields";
import { checkOAuthFields, oauthFields } from "./mail-oauth-schemas";

const host = line("the server's host name", 253).pipe(z.string().regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/, "Enter a host name such as imap.example.com, or an IP address."));

const mailboxFields = {
  name: line("a name", 60),
  host,
  port: whole("the port", 1, 65535),
  secure: checkbox,
  username: line("the username", 254),
  folder: line("the folder", 200),
  helpTopicId: optionalId,
  active: checkbox,
  /** "password": LOGIN; "oauth": XOAUTH2 with a token from Microsoft 365 or Gmail (the oauth* fields). */
  authMethod: z.enum(["password", "oauth"], { message: "Choose how the help desk signs in." }).default("password"),
  ...oauthFields,
};

/** A password is never sent back to the browser, so on edit an empty field means "keep the saved one". */
const password = z.string().max(500, "Keep the password under 500 characters.");

type SignIn = { authMethod: string; password: string; oauthProvider: string; oauthFlow: string; oauthTenant: string; oauthClientId: string };

function checkSignIn(creating: boolean) {
  return (v: SignIn, ctx: z.RefinementCtx) => {
    if (v.authMethod === "oauth") checkOAuthFields(v, ctx);
    else if (creating && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the password." });
  };
}

export const ZCreateMailbox = z.object({ ...mailboxFields, password }).superRefine(checkSignIn(true));
export const ZUpdateMailbox = z.object({ ...mailboxFields, id: id("Missing mailbox."), password }).superRefine(checkSignIn(false));
export type CreateMailboxInput = z.input<typeof ZCreateMailbox>;
export type UpdateMailboxInput = z.input<typeof ZUpdateMailbox>;
