// A real OpenID Connect provider for the browser tests: panva's oidc-provider (the library many
// production identity servers are built on), run on a local port and answering like Microsoft Entra
// ID: ID tokens with oid, tid, preferred_username, email, name and xms_edov. Its development
// interactions show a login form (any password) and a consent page, which the tests fill in.
import crypto from "node:crypto";
import type { Server } from "node:http";
import Provider from "oidc-provider";

export const TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export type Person = { email: string; name: string; oid?: string; emailVerified?: boolean };

export type RunningProvider = { issuer: string; clientId: string; clientSecret: string; people: Map<string, Person>; close: () => Promise<void> };

export async function startOidcProvider(port: number, redirectUri: string): Promise<RunningProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = crypto.randomUUID();
  const clientSecret = crypto.randomBytes(24).toString("base64url");
  const people = new Map<string, Person>();
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
    // Entra puts the profile and email claims in the ID token itself.
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "oid", "tid"], email: ["email", "xms_edov"], profile: ["name", "preferred_username"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, login) {
      const person = people.get(login);
      if (!person) return undefined;
      const oid = (person.oid ??= crypto.randomUUID());
      return {
        accountId: login,
        // Entra's sub is pairwise per application; oid is the directory object id.
        claims: async () => ({ sub: crypto.createHash("sha256").update(`${clientId}:${oid}`).digest("base64url"), oid, tid: TENANT_ID, name: person.name, preferred_username: person.email, email: person.email, xms_edov: person.emailVerified ?? true }),
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  return { issuer, clientId, clientSecret, people, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
