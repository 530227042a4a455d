import "server-only";
// next-auth: password sign-in (credentials) and single sign-on (Entra ID, generic OpenID Connect).
// next-auth only carries the session cookie: an encrypted JWT holding a random secret whose row in
// StaffSession is checked on every request (lib/auth/sessions.ts). Sign-out ends that row.
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { clientAddress } from "@/lib/server/client-address";
import { db } from "@/lib/server/db";
import { requestIp } from "@/lib/server/request-ip";
import { loadSettings } from "@/lib/settings/store";
import { LINK_INTENT_COOKIE } from "./link-intents";
import { endSession, sessionIdOf, SESSION_HOURS, startSession, type SessionMethod } from "./sessions";
import { checkStaffCredentials } from "./sign-in";
import { identityFromClaims } from "./sso-claims";
import { isSsoProviderId } from "./sso-config";
import { ssoNextAuthProviders } from "./sso-providers";
import { resolveSsoSignIn } from "./sso-sign-in";
import { ZSignIn } from "./schemas";

/** What the sign-in decided, carried from authorize / the signIn callback to the jwt callback. */
type SignedIn = User & { staffId?: number; method?: SessionMethod; replacesSession?: string | null };

async function isBreakGlassAdmin(staffId: number, breakGlassStaffId: number | null): Promise<boolean> {
  if (staffId !== breakGlassStaffId) return false;
  return (await db.staff.findUnique({ where: { id: staffId }, select: { kind: true } }))?.kind === "ADMIN";
}

/** Error codes the sign-in page turns into messages (next-auth passes a thrown message through). */
export const PASSWORDS_OFF = "PasswordsOff";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZSignIn.safeParse(credentials);
        if (!parsed.success) return null;
        const settings = await loadSettings(db);
        const result = await checkStaffCredentials(db, { ...parsed.data, clientIp: clientAddress(req?.headers) });
        // next-auth turns a thrown Error's message into the `error` query parameter.
        if (!result.ok) throw new Error(result.reason === "locked" ? "Locked" : settings.signInRequireSso ? PASSWORDS_OFF : "CredentialsSignin");
        // With single sign-on required, a right password opens only the break-glass account; every
        // other refusal reads the same, so the form does not reveal which account that is.
        if (settings.signInRequireSso && !(await isBreakGlassAdmin(result.staff.id, settings.signInBreakGlassStaffId))) throw new Error(PASSWORDS_OFF);
        return { id: String(result.staff.id), staffId: result.staff.id, method: "password" } satisfies SignedIn;
      },
    }),
    ...ssoNextAuthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.type === "credentials") return true;
      if (account?.type !== "oauth" || !isSsoProviderId(account.provider) || !profile) return "/sign-in?error=SsoBadClaims";
      const identity = identityFromClaims(account.provider, profile as Record<string, unknown>);
      if (!identity) return "/sign-in?error=SsoBadClaims";
      const linkSecret = (await cookies()).get(LINK_INTENT_COOKIE)?.value;
      const outcome = await resolveSsoSignIn(db, identity, { linkSecret });
      if (!outcome.ok) return outcome.linking ? `/agent/account?linkError=${outcome.error}` : `/sign-in?error=${outcome.error}`;
      // next-auth hands this same object to the jwt callback (there is no adapter).
      Object.assign(user as SignedIn, { staffId: outcome.staffId, method: account.provider, replacesSession: outcome.replacesSession });
      return true;
    },
    async jwt({ token, user }) {
      if (!user) return token;
      const signedIn = user as SignedIn;
      if (!signedIn.staffId || !signedIn.method) throw new Error("Sign-in without a staff account");
      const h = await headers();
      const { secret } = await startSession(db, { staffId: signedIn.staffId, method: signedIn.method, clientAddress: await requestIp(), userAgent: h.get("user-agent") });
      if (signedIn.replacesSession) await endSession(db, signedIn.replacesSession, "replaced");
      // Only what the server needs: no name or email in the cookie.
      return { sub: String(signedIn.staffId), sid: secret };
    },
    // /api/auth/session answers the browser: never the session secret.
    session: ({ session }) => ({ expires: session.expires }),
  },
  events: {
    async signOut({ token }) {
      const secret = typeof token?.sid === "string" ? token.sid : null;
      if (secret) await endSession(db, sessionIdOf(secret), "sign-out");
    },
  },
};
