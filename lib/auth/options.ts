import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "@/lib/server/client-address";
import { db } from "@/lib/server/db";
import { checkStaffCredentials } from "./sign-in";
import { ZSignIn } from "./schemas";

const SESSION_HOURS = 12;

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
        const result = await checkStaffCredentials(db, { ...parsed.data, clientIp: clientAddress(req?.headers) });
        // next-auth turns a thrown Error's message into the `error` query parameter.
        if (!result.ok) throw new Error(result.reason === "locked" ? "Locked" : "CredentialsSignin");
        return { id: String(result.staff.id), email: result.staff.email, name: result.staff.name, sessionVersion: result.staff.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { sessionVersion: number };
        token.staffId = Number(u.id);
        token.sessionVersion = u.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      const claims = z.object({ staffId: z.number(), sessionVersion: z.number() }).safeParse(token);
      return { ...session, staffId: claims.success ? claims.data.staffId : undefined, sessionVersion: claims.success ? claims.data.sessionVersion : undefined };
    },
  },
};
