// A real OAuth 2.0 authorization server for tests, on 127.0.0.1 over HTTP, laid out like Microsoft's
// identity platform (/{tenant}/oauth2/v2.0/authorize and /token) and Google's (/o/oauth2/v2/auth,
// /token): a sign-in and consent page, the authorization_code grant with PKCE (S256), refresh_token
// (rotating, and a used refresh token is refused, as strict providers do), client_credentials, ID
// tokens signed with RS256, token introspection (RFC 7662) for Dovecot and the SMTP test server, and
// revocation. Error bodies follow each provider's form (AADSTS codes for Microsoft).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Client = { clientId: string; clientSecret: string; redirectUris: string[]; appMailbox?: string };
type Grant = { id: string; clientId: string; user: string; scope: string; revoked: boolean };
type Token = { grantId: string | null; clientId: string; username: string; scope: string; expiresAt: number };
type Code = { clientId: string; redirectUri: string; challenge: string; scope: string; nonce: string | null; user: string; grantId: string; expiresAt: number; used: boolean; style: Style };
type Style = "microsoft" | "google";

export type OAuthTestServer = {
  origin: string;
  /** The directory id Microsoft-style ID tokens carry (tid). */
  tid: string;
  microsoft: (tenant?: string) => { authorizeUrl: string; tokenUrl: string };
  google: { authorizeUrl: string; tokenUrl: string };
  introspectionUrl: string;
  addUser: (email: string, password: string) => void;
  addClient: (client: Client) => void;
  /** A person at the sign-in page: fills it in and accepts (or cancels); returns where the browser is sent. */
  consent: (authorizeUrl: string, who: { email: string; password: string }, decision?: "accept" | "cancel") => Promise<URL>;
  /** Every grant of this user ends (the user withdrew consent, or an admin revoked their sessions). */
  revokeUser: (email: string) => void;
  /** Access tokens stop working now, though their holders think they have an hour left. */
  expireAccessTokens: () => void;
  introspect: (token: string) => { active: boolean; username?: string; scope?: string };
  /** Token requests by grant type, in order (no secrets). */
  requests: string[];
  /** Every token this server issued, to check none is stored in plain text. */
  issued: string[];
  accessTokenTtlSeconds: number;
  stop: () => Promise<void>;
};

const random = (bytes = 24) => crypto.randomBytes(bytes).toString("base64url");

function html(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startOAuthServer(): Promise<OAuthTestServer> {
  const users = new Map<string, string>();
  const clients = new Map<string, Client>();
  const grants = new Map<string, Grant>();
  const codes = new Map<string, Code>();
  const refreshTokens = new Map<string, { grantId: string; used: boolean }>();
  const accessTokens = new Map<string, Token>();
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const tid = crypto.randomUUID();
  const requests: string[] = [];
  const issued: string[] = [];
  let origin = "";

  const issuer = (style: Style) => (style === "microsoft" ? `${origin}/${tid}/v2.0` : origin);

  function idToken(style: Style, clientId: string, user: string, nonce: string | null) {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", kid: "test" };
    const claims = { iss: issuer(style), aud: clientId, sub: crypto.createHash("sha256").update(user).digest("base64url"), iat: now, exp: now + 3600, email: user, ...(style === "microsoft" ? { tid, preferred_username: user } : { email_verified: true }), ...(nonce ? { nonce } : {}) };
    const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
    return `${input}.${crypto.sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
  }

  function accessToken(grantId: string | null, clientId: string, username: string, scope: string) {
    const token = `at-${random()}`;
    accessTokens.set(token, { grantId, clientId, username, scope, expiresAt: Date.now() + server.accessTokenTtlSeconds * 1000 });
    issued.push(token);
    return token;
  }

  function refreshToken(grantId: string) {
    const token = `rt-${random()}`;
    refreshTokens.set(token, { grantId, used: false });
    issued.push(token);
    return token;
  }

  function tokenError(res: http.ServerResponse, style: Style, status: number, error: string, ms: string, google: string) {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    const description = style === "microsoft" ? `${ms}\r\nTrace ID: ${crypto.randomUUID()}\r\nCorrelation ID: ${crypto.randomUUID()}\r\nTimestamp: ${new Date().toISOString()}` : google;
    res.end(JSON.stringify({ error, error_description: description, ...(style === "microsoft" ? { error_codes: [Number(ms.match(/AADSTS(\d+)/)?.[1] ?? 0)] } : {}) }));
  }

  function clientAuth(req: http.IncomingMessage, body: URLSearchParams): Client | null {
    let id = body.get("client_id");
    let secret = body.get("client_secret");
    const basic = req.headers.authorization?.match(/^Basic (.+)$/);
    if (basic) [id, secret] = Buffer.from(basic[1], "base64").toString().split(":").map(decodeURIComponent);
    const client = id ? clients.get(id) : undefined;
    return client && secret && crypto.timingSafeEqual(crypto.createHash("sha256").update(secret).digest(), crypto.createHash("sha256").update(client.clientSecret).digest()) ? client : null;
  }

  function authorizePage(res: http.ServerResponse, params: URLSearchParams, style: Style, problem = "") {
    const client = clients.get(params.get("client_id") ?? "");
    const redirectUri = params.get("redirect_uri") ?? "";
    // An unknown client or redirect address is never redirected to (RFC 6749 4.1.2.1): the page says so.
    if (!client || !client.redirectUris.includes(redirectUri)) {
      res.writeHead(400, { "content-type": "text/html" });
      return res.end(html("Sign-in error", `<p>AADSTS50011: The redirect URI '${esc(redirectUri)}' does not match the redirect URIs configured for the application.</p>`));
    }
    const hidden = [...params].filter(([k]) => !["email", "password", "decision"].includes(k)).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join("");
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      html(
        style === "microsoft" ? "Sign in to your account" : "Sign in with Google",
        `${problem ? `<p role="alert">${esc(problem)}</p>` : ""}<form method="post">${hidden}
<p><label>Email <input name="email" type="email" value="${esc(params.get("login_hint") ?? "")}"></label></p>
<p><label>Password <input name="password" type="password"></label></p>
<p>The app ${esc(client.clientId)} asks for: ${esc(params.get("scope") ?? "")}</p>
<p><button name="decision" value="accept">Accept</button> <button name="decision" value="cancel">Cancel</button></p></form>`,
      ),
    );
  }

  async function authorize(req: http.IncomingMessage, res: http.ServerResponse, url: URL, style: Style) {
    const params = req.method === "POST" ? await readBody(req) : url.searchParams;
    if (req.method !== "POST") return authorizePage(res, params, style);
    const client = clients.get(params.get("client_id") ?? "");
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!client || !client.redirectUris.includes(redirectUri)) return authorizePage(res, params, style);
    const back = new URL(redirectUri);
    if (params.get("state")) back.searchParams.set("state", params.get("state")!);
    const send = () => {
      res.writeHead(302, { location: back.href });
      res.end();
    };
    if (params.get("decision") !== "accept") {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_description", "AADSTS65004: User declined to consent to access the app.");
      return send();
    }
    if (params.get("response_type") !== "code" || params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")) {
      back.searchParams.set("error", "invalid_request");
      return send();
    }
    const email = (params.get("email") ?? "").toLowerCase();
    if (!users.has(email) || users.get(email) !== params.get("password")) return authorizePage(res, params, style, "Your account or password is incorrect.");
    const grant: Grant = { id: random(), clientId: client.clientId, user: email, scope: params.get("scope") ?? "", revoked: false };
    grants.set(grant.id, grant);
    const code = random();
    codes.set(code, { clientId: client.clientId, redirectUri, challenge: params.get("code_challenge")!, scope: grant.scope, nonce: params.get("nonce"), user: email, grantId: grant.id, expiresAt: Date.now() + 5 * 60_000, used: false, style });
    back.searchParams.set("code", code);
    send();
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse, style: Style) {
    const body = await readBody(req);
    const type = body.get("grant_type") ?? "";
    requests.push(type);
    const client = clientAuth(req, body);
    if (!client) return tokenError(res, style, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.", "Unauthorized");
    const ok = (payload: Record<string, unknown>) => {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ token_type: "Bearer", expires_in: server.accessTokenTtlSeconds, ...payload }));
    };
    if (type === "authorization_code") {
      const code = codes.get(body.get("code") ?? "");
      const verifier = body.get("code_verifier") ?? "";
      const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
      if (!code || code.used || code.expiresAt < Date.now() || code.clientId !== client.clientId || code.redirectUri !== body.get("redirect_uri") || code.challenge !== challenge) {
        if (code) code.used = true;
        return tokenError(res, style, 400, "invalid_grant", "AADSTS70000: The provided value for the 'code' parameter is not valid.", "Malformed auth code.");
      }
      code.used = true;
      const grant = grants.get(code.grantId)!;
      const offline = style === "google" || grant.scope.split(" ").includes("offline_access");
      return ok({ scope: grant.scope, access_token: accessToken(grant.id, client.clientId, grant.user, grant.scope), ...(offline ? { refresh_token: refreshToken(grant.id) } : {}), ...(grant.scope.split(" ").includes("openid") ? { id_token: idToken(code.style, client.clientId, grant.user, code.nonce) } : {}) });
    }
    if (type === "refresh_token") {
      const entry = refreshTokens.get(body.get("refresh_token") ?? "");
      const grant = entry ? grants.get(entry.grantId) : undefined;
      if (!entry || !grant || grant.clientId !== client.clientId || grant.revoked || entry.used) {
        // A refresh token used twice means it leaked: the whole grant ends (RFC 9700 4.14.2).
        if (grant && entry?.used) grant.revoked = true;
        return tokenError(res, style, 400, "invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.", "Token has been expired or revoked.");
      }
      // Microsoft rotates refresh tokens; Google keeps the first one.
      if (style === "microsoft") entry.used = true;
      return ok({ scope: grant.scope, access_token: accessToken(grant.id, client.clientId, grant.user, grant.scope), ...(style === "microsoft" ? { refresh_token: refreshToken(grant.id) } : {}) });
    }
    if (type === "client_credentials") {
      if (body.get("scope") !== "https://outlook.office365.com/.default") return tokenError(res, style, 400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid.", "invalid scope");
      if (!client.appMailbox) return tokenError(res, style, 400, "unauthorized_client", "AADSTS700016: Application not found in the directory.", "unauthorized");
      return ok({ access_token: accessToken(null, client.clientId, client.appMailbox, body.get("scope")!) });
    }
    tokenError(res, style, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.", "Invalid grant_type");
  }

  function introspect(value: string) {
    const t = accessTokens.get(value);
    const grant = t?.grantId ? grants.get(t.grantId) : null;
    if (!t || t.expiresAt < Date.now() || grant?.revoked) return { active: false };
    return { active: true, username: t.username, scope: t.scope };
  }

  const httpServer = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", origin);
      const ms = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/);
      if (ms && ms[2] === "authorize") return await authorize(req, res, url, "microsoft");
      if (ms && ms[2] === "token" && req.method === "POST") return await token(req, res, "microsoft");
      if (url.pathname === "/o/oauth2/v2/auth") return await authorize(req, res, url, "google");
      if (url.pathname === "/token" && req.method === "POST") return await token(req, res, "google");
      if (url.pathname === "/introspect" && req.method === "POST") {
        const body = await readBody(req);
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(introspect(body.get("token") ?? "")));
      }
      res.writeHead(404).end();
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const server: OAuthTestServer = {
    origin,
    tid,
    microsoft: (tenant = tid) => ({ authorizeUrl: `${origin}/${tenant}/oauth2/v2.0/authorize`, tokenUrl: `${origin}/${tenant}/oauth2/v2.0/token` }),
    google: { authorizeUrl: `${origin}/o/oauth2/v2/auth`, tokenUrl: `${origin}/token` },
    introspectionUrl: `${origin}/introspect`,
    addUser: (email, password) => users.set(email.toLowerCase(), password),
    addClient: (client) => clients.set(client.clientId, client),
    consent: async (authorizeUrl, who, decision = "accept") => {
      const page = await fetch(authorizeUrl);
      if (page.status !== 200) throw new Error(`authorization page: ${page.status} ${await page.text()}`);
      const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
      form.set("email", who.email);
      form.set("password", who.password);
      form.set("decision", decision);
      const answer = await fetch(authorizeUrl.split("?")[0], { method: "POST", body: form, redirect: "manual" });
      const location = answer.headers.get("location");
      if (answer.status !== 302 || !location) throw new Error(`authorization refused: ${answer.status} ${await answer.text()}`);
      return new URL(location);
    },
    revokeUser: (email) => {
      for (const g of grants.values()) if (g.user === email.toLowerCase()) g.revoked = true;
    },
    expireAccessTokens: () => {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
    introspect,
    requests,
    issued,
    accessTokenTtlSeconds: 3600,
    stop: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
  return server;
}
