// A real SMTP server for OAuth tests (the smtp-server package) that accepts only AUTH XOAUTH2, as
// Microsoft 365 and Gmail do for OAuth: each bearer token is checked over HTTP against the OAuth
// server's introspection endpoint, and must belong to the user signing in. A refused token gets the
// XOAUTH2 error challenge (334 with a JSON status), after which a client may retry with a new token.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpOAuthServer = { port: number; received: { user: string; to: string[]; mail: ParsedMail }[]; refusedTokens: number; close: () => Promise<void> };

export async function startSmtpOAuthServer(introspectionUrl: string): Promise<SmtpOAuthServer> {
  const state: SmtpOAuthServer = { port: 0, received: [], refusedTokens: 0, close: async () => {} };
  const server = new SMTPServer({
    authMethods: ["XOAUTH2"],
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    async onAuth(auth, _session, callback) {
      if (auth.method !== "XOAUTH2") return callback(new Error("Only XOAUTH2 here"));
      const answer = (await (await fetch(introspectionUrl, { method: "POST", body: new URLSearchParams({ token: auth.accessToken ?? "" }) })).json()) as { active: boolean; username?: string };
      if (answer.active && answer.username === auth.username?.toLowerCase()) return callback(null, { user: auth.username });
      state.refusedTokens++;
      callback(null, { data: { status: "401", schemes: "bearer", scope: "https://outlook.office.com/SMTP.Send" } });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        state.received.push({ user: String(session.user), to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(Buffer.concat(chunks)) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
